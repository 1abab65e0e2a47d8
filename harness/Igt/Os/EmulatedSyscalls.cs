using Igt.Kernel;
using Igt.Kernel.Printk;
using Igt.Kernel.Process;
using Igt.Kernel.Signals;

namespace Igt.Os;

/// <summary>The emulated machine's implementation of <see cref="ISyscalls"/>: a task of the machine.</summary>
public sealed class EmulatedSyscalls(TaskStruct task) : ISyscalls
{
    public TaskStruct Task { get; } = task;

    public Machine Machine => Task.Machine;

    public int Pid => Task.Pid;

    public bool IsRoot => Task.IsRoot;

    public bool IsEmulated => true;

    public long InterruptedSyscalls => Task.InterruptedSyscalls;

    public int Open(string path, OpenFlags flags = OpenFlags.ReadWrite) => Task.Open(path, flags);

    public int Close(int fd) => Task.Close(fd);

    public int Dup(int fd) => Task.Dup(fd);

    public long Fstat(int fd) => Task.Fstat(fd);

    public int Ioctl(int fd, uint cmd, ulong arg) => Task.Ioctl(fd, cmd, arg);

    public long Mmap(ulong addr, ulong length, Prot prot, MapFlags flags, int fd = -1, ulong offset = 0) =>
        Task.Mmap(addr, length, prot, flags, fd, offset);

    public int Munmap(ulong addr, ulong length) => Task.Munmap(addr, length);

    public long Mremap(ulong oldAddr, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddr = 0) =>
        Task.Mremap(oldAddr, oldLength, newLength, flags, newAddr);

    public int Madvise(ulong addr, ulong length, Madvise advice) => Task.Madvise(addr, length, advice);

    public int Poll(int fd, PollEvents events, int timeoutMs) => Task.Poll(fd, events, timeoutMs);

    public FaultResult Read(ulong addr, Span<byte> buffer) => Task.ReadMemory(addr, buffer);

    public FaultResult Write(ulong addr, ReadOnlySpan<byte> data) => Task.WriteMemory(addr, data);

    public IReadOnlyList<string> ListDevices(string prefix) => Machine.Vfs.List(prefix);

    public string? ReadTextFile(string path) => Task.ReadTextFile(path);

    public int WriteTextFile(string path, string text) => Task.WriteTextFile(path, text);

    public void Kmsg(int level, string text) => Task.WriteKmsg((LogLevel)level, text);

    public int Kill(int pid, int sig) => Task.Kill(pid, sig);

    public void CatchSignal(int sig, bool restart) => Task.SigAction(sig, SigAction.Counting(restart));

    public long SignalCount(int sig) => Task.Signals.DeliveredCount(sig);

    public IChild Fork(Action<ISyscalls> body)
    {
        var child = Task.Fork(t => body(new EmulatedSyscalls(t)));
        return new EmulatedChild(Task, child);
    }

    private sealed class EmulatedChild(TaskStruct parent, TaskStruct child) : IChild
    {
        public int Pid => child.Pid;

        public Exception? Failure => child.Failure;

        public int Wait(int timeoutMs = Timeout.Infinite) => parent.WaitPid(child, timeoutMs);
    }
}
