using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Os;

/// <summary>
/// A pass-through <see cref="ISyscalls"/> that records every call that failed (which call, which request, which
/// errno), so two runs of the same test on different backends can be compared errno by errno (the differential
/// report). On when IGT_SYSCALL_TRACE=1; the fixture prints <see cref="Summary"/> into the test's output.
/// </summary>
public sealed class SyscallTrace(ISyscalls inner) : ISyscalls
{
    public const string Variable = "IGT_SYSCALL_TRACE";

    /// <summary>The line prefix of <see cref="Summary"/> in a test's output.</summary>
    public const string SummaryPrefix = "syscall-errors:";

    private readonly SortedDictionary<string, int> _errors = new(StringComparer.Ordinal);

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) is "1" or "true";

    public ISyscalls Inner { get; } = inner;

    public static ISyscalls WrapIfEnabled(ISyscalls sys) => Enabled ? new SyscallTrace(sys) : sys;

    /// <summary>"syscall-errors: ioctl(0xc0106441)=EINVAL x2 open(/dev/x)=ENOENT" (sorted), or "syscall-errors: none".</summary>
    public string Summary()
    {
        lock (_errors)
            return SummaryPrefix + " " + (_errors.Count == 0 ? "none" : string.Join(" ", _errors.Select(kv => kv.Value == 1 ? kv.Key : $"{kv.Key} x{kv.Value}")));
    }

    public int Pid => Inner.Pid;

    public bool IsRoot => Inner.IsRoot;

    public bool IsEmulated => Inner.IsEmulated;

    public SysCapabilities Capabilities => Inner.Capabilities;

    public long InterruptedSyscalls => Inner.InterruptedSyscalls;

    public int Open(string path, OpenFlags flags = OpenFlags.ReadWrite) => (int)Note($"open({path})", Inner.Open(path, flags));

    public int Close(int fd) => (int)Note("close", Inner.Close(fd));

    public int Dup(int fd) => (int)Note("dup", Inner.Dup(fd));

    public long Fstat(int fd) => Note("fstat", Inner.Fstat(fd));

    public int Ioctl(int fd, uint cmd, ulong arg) => (int)Note($"ioctl(0x{cmd:x8})", Inner.Ioctl(fd, cmd, arg));

    public long Mmap(ulong addr, ulong length, Prot prot, MapFlags flags, int fd = -1, ulong offset = 0) =>
        Note("mmap", Inner.Mmap(addr, length, prot, flags, fd, offset));

    public int Munmap(ulong addr, ulong length) => (int)Note("munmap", Inner.Munmap(addr, length));

    public long Mremap(ulong oldAddr, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddr = 0) =>
        Note("mremap", Inner.Mremap(oldAddr, oldLength, newLength, flags, newAddr));

    public int Madvise(ulong addr, ulong length, Madvise advice) => (int)Note("madvise", Inner.Madvise(addr, length, advice));

    public int Poll(int fd, PollEvents events, int timeoutMs) => (int)Note("poll", Inner.Poll(fd, events, timeoutMs));

    public FaultResult Read(ulong addr, Span<byte> buffer) => Fault("load", Inner.Read(addr, buffer));

    public FaultResult Write(ulong addr, ReadOnlySpan<byte> data) => Fault("store", Inner.Write(addr, data));

    public IReadOnlyList<string> ListDevices(string prefix) => Inner.ListDevices(prefix);

    public string? ReadTextFile(string path) => Inner.ReadTextFile(path);

    public int WriteTextFile(string path, string text) => (int)Note($"write({path})", Inner.WriteTextFile(path, text));

    public void Kmsg(int level, string text) => Inner.Kmsg(level, text);

    public int Kill(int pid, int sig) => (int)Note("kill", Inner.Kill(pid, sig));

    public void CatchSignal(int sig, bool restart) => Inner.CatchSignal(sig, restart);

    public long SignalCount(int sig) => Inner.SignalCount(sig);

    public IChild Fork(Action<ISyscalls> body) => Inner.Fork(body);

    private long Note(string call, long r)
    {
        if (r < 0 && r >= -4095)
            Add($"{call}={Errno.Name((int)r)}");
        return r;
    }

    private FaultResult Fault(string access, FaultResult r)
    {
        if (r != FaultResult.Ok)
            Add($"{access}={r}");
        return r;
    }

    private void Add(string key)
    {
        lock (_errors)
            _errors[key] = _errors.GetValueOrDefault(key) + 1;
    }
}
