using Igt.Kernel.Signals;

namespace Igt.Kernel.Process;

/// <summary>
/// task_struct: an emulated process with a pid, credentials, an fd table, an address space and signals.
/// Its public methods are the system calls userspace makes; each runs through <see cref="Syscall"/>, which makes
/// this task "current", turns -ERESTARTSYS into -EINTR or a restart, and contains kernel exceptions as oopses.
/// </summary>
public sealed partial class TaskStruct
{
    [ThreadStatic] private static TaskStruct? t_current;

    private long _interrupted;
    private Thread? _thread;

    internal TaskStruct(Machine machine, int pid, string comm, bool root, TaskStruct? parent)
    {
        Machine = machine;
        Pid = pid;
        Comm = comm;
        IsRoot = root;
        Parent = parent;
        Mm = null!;
        Files = new FdTable();
    }

    /// <summary>The task the calling thread is executing a system call for (null on kernel threads).</summary>
    public static TaskStruct? Current => t_current;

    public Machine Machine { get; }

    public int Pid { get; }

    public string Comm { get; }

    /// <summary>CAP_SYS_ADMIN.</summary>
    public bool IsRoot { get; }

    public TaskStruct? Parent { get; }

    public MmStruct Mm { get; internal set; }

    public FdTable Files { get; internal set; }

    public SignalState Signals { get; } = new();

    public bool Exited { get; private set; }

    public int ExitCode { get; private set; }

    /// <summary>What made a forked child fail (an assertion in its body).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>How many system calls returned -ERESTARTSYS (interrupted by a signal), restarted or not.</summary>
    public long InterruptedSyscalls => Interlocked.Read(ref _interrupted);

    /// <summary>
    /// Runs one system call body as this task. Exceptions from kernel code become an oops and -EFAULT.
    /// </summary>
    public long Syscall(string name, Func<long> body) => Syscall(name, body, static b => b());

    /// <summary>
    /// <see cref="Syscall(string, Func{long})"/> with explicit state, so hot system calls allocate no closure.
    /// </summary>
    public long Syscall<TState>(string name, TState state, Func<TState, long> body)
    {
        var prev = t_current;
        t_current = this;
        try
        {
            while (true)
            {
                if (Signals.Killed)
                    throw new TaskKilledException(Pid);
                long r;
                try
                {
                    r = body(state);
                }
                catch (TaskKilledException)
                {
                    throw;
                }
                catch (Exception e)
                {
                    Machine.Report.OopsFromException(e, name, Pid, Comm);
                    r = -Errno.EFAULT;
                }
                if (r == -Errno.ERESTARTSYS || r == -Errno.ERESTARTNOINTR)
                {
                    Interlocked.Increment(ref _interrupted);
                    var restart = Signals.Deliver();
                    if (Signals.Killed)
                        throw new TaskKilledException(Pid);
                    if (restart || r == -Errno.ERESTARTNOINTR)
                        continue;
                    return -Errno.EINTR;
                }
                if (r == -Errno.ERESTARTNOHAND)
                {
                    Interlocked.Increment(ref _interrupted);
                    Signals.Deliver(out var handlerRan);
                    if (Signals.Killed)
                        throw new TaskKilledException(Pid);
                    if (!handlerRan)
                        continue;
                    return -Errno.EINTR;
                }
                if (r == -Errno.ENOIOCTLCMD)
                    r = -Errno.ENOTTY;
                if (Signals.HasPending)
                {
                    Signals.Deliver();
                    if (Signals.Killed)
                        throw new TaskKilledException(Pid);
                }
                return r;
            }
        }
        finally
        {
            t_current = prev;
        }
    }

    /// <summary>Makes this task current on the calling thread for kernel-side helpers used outside a syscall.</summary>
    public IDisposable EnterAsCurrent()
    {
        var prev = t_current;
        t_current = this;
        return new Restore(prev);
    }

    // ---- process lifecycle --------------------------------------------------------------------------------

    /// <summary>
    /// fork(): a child with a copy-on-write copy of the address space and the same open files, running
    /// <paramref name="body"/> on its own thread. Wait for it with <see cref="WaitPid"/>.
    /// </summary>
    public TaskStruct Fork(Action<TaskStruct> body, string? comm = null)
    {
        var child = Machine.CreateTask(comm ?? Comm, IsRoot, this);
        for (var sig = 1; sig <= 64; sig++)
            child.Signals.SetAction(sig, Signals.GetAction(sig));
        child.Files = Files.Dup();
        child.Mm = Mm.Fork(child);
        child._thread = new Thread(() => child.RunChild(body)) { IsBackground = true, Name = $"{child.Comm}[{child.Pid}]" };
        child._thread.Start();
        return child;
    }

    /// <summary>waitpid(): blocks until the child exited; returns its exit code.</summary>
    public int WaitPid(TaskStruct child, int timeoutMs = Timeout.Infinite)
    {
        if (child._thread is { } t && !t.Join(timeoutMs))
            return -Errno.ETIMEDOUT;
        return child.ExitCode;
    }

    /// <summary>kill(2).</summary>
    public int Kill(int pid, int sig)
    {
        var target = Machine.FindTask(pid);
        if (target is null || target.Exited)
            return -Errno.ESRCH;
        target.Signals.Send(sig);
        return 0;
    }

    /// <summary>Sets how this task handles <paramref name="sig"/> (sigaction).</summary>
    public void SigAction(int sig, SigAction action) => Signals.SetAction(sig, action);

    /// <summary>exit(): closes every file and tears down the address space.</summary>
    public void Exit(int code = 0)
    {
        if (Exited)
            return;
        Exited = true;
        ExitCode = code;
        using (EnterAsCurrent())
        {
            Files.CloseAll();
            Mm.Exit();
        }
        Machine.RemoveTask(this);
    }

    private void RunChild(Action<TaskStruct> body)
    {
        var code = 0;
        try
        {
            using (EnterAsCurrent())
                body(this);
        }
        catch (TaskKilledException)
        {
            code = 128 + Signal.SIGKILL;
        }
        catch (Exception e)
        {
            Failure = e;
            code = 1;
        }
        try
        {
            Exit(code);
        }
        catch (Exception e)
        {
            Machine.Report.OopsFromException(e, "do_exit", Pid, Comm);
        }
    }

    private sealed class Restore(TaskStruct? prev) : IDisposable
    {
        public void Dispose() => t_current = prev;
    }
}
