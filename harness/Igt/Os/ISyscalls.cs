using Igt.Kernel.Process;

namespace Igt.Os;

/// <summary>
/// The device backend seam: everything a test does to the system, as a process would (open, ioctl, mmap, memory
/// loads and stores, signals, pseudo files). The emulated machine implements it; a native backend on a real
/// /dev/dri node can implement it too, so test code does not change between them. Errors are negative errno.
/// </summary>
public interface ISyscalls
{
    int Pid { get; }

    bool IsRoot { get; }

    /// <summary>True on the emulated machine (fork, fault injection and known bugs are available).</summary>
    bool IsEmulated { get; }

    /// <summary>What the backend offers beyond the plain calls (the emulated machine offers everything).</summary>
    SysCapabilities Capabilities => IsEmulated ? SysCapabilities.All : SysCapabilities.None;

    int Open(string path, OpenFlags flags = OpenFlags.ReadWrite);

    int Close(int fd);

    int Dup(int fd);

    /// <summary>fstat(2) st_ino: equal for fds sharing one open file; -EBADF for a bad fd.</summary>
    long Fstat(int fd);

    int Ioctl(int fd, uint cmd, ulong arg);

    long Mmap(ulong addr, ulong length, Prot prot, MapFlags flags, int fd = -1, ulong offset = 0);

    int Munmap(ulong addr, ulong length);

    long Mremap(ulong oldAddr, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddr = 0);

    int Madvise(ulong addr, ulong length, Madvise advice);

    int Poll(int fd, PollEvents events, int timeoutMs);

    FaultResult Read(ulong addr, Span<byte> buffer);

    FaultResult Write(ulong addr, ReadOnlySpan<byte> data);

    /// <summary>Entries of a /dev directory (e.g. "/dev/dri/").</summary>
    IReadOnlyList<string> ListDevices(string prefix);

    string? ReadTextFile(string path);

    int WriteTextFile(string path, string text);

    /// <summary>Writes a record to /dev/kmsg.</summary>
    void Kmsg(int level, string text);

    int Kill(int pid, int sig);

    /// <summary>Installs a counting handler for <paramref name="sig"/> (SA_RESTART as given).</summary>
    void CatchSignal(int sig, bool restart);

    long SignalCount(int sig);

    /// <summary>Syscalls of this process interrupted by signals so far (restarted or not).</summary>
    long InterruptedSyscalls { get; }

    /// <summary>fork(): runs <paramref name="body"/> in a child process; wait with <see cref="IChild.Wait"/>.</summary>
    IChild Fork(Action<ISyscalls> body);
}
