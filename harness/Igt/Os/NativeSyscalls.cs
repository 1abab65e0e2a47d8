using System.Globalization;
using Igt.Core;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Os;

/// <summary>
/// <see cref="ISyscalls"/> on this host's own kernel (IGT_BACKEND=native, for a machine with a real /dev/dri):
/// P/Invoke of open/ioctl/mmap/munmap/close, and memory accesses that report the fault they would raise instead of
/// taking it (process_vm_readv/writev on this process, then /proc/self/maps to tell which fault). The test host
/// is a .NET process: signal handlers and fork() are not offered, subtests that need them skip.
/// </summary>
public sealed unsafe class NativeSyscalls : ISyscalls
{
    public int Pid { get; } = NativeLibc.GetPid();

    public bool IsRoot => NativeLibc.GetEuid() == 0;

    public bool IsEmulated => false;

    public SysCapabilities Capabilities => SysCapabilities.None;

    public long InterruptedSyscalls => 0;

    public int Open(string path, OpenFlags flags = OpenFlags.ReadWrite) => Ret(NativeLibc.Open(path, (int)flags, 0));

    public int Close(int fd) => Ret(NativeLibc.Close(fd));

    public int Dup(int fd) => Ret(NativeLibc.Dup(fd));

    public long Fstat(int fd)
    {
        var st = stackalloc byte[256];
        return NativeLibc.Fstat(fd, st) < 0 ? NativeLibc.Errno() : *(long*)(st + 8);
    }

    public int Ioctl(int fd, uint cmd, ulong arg) => Ret(NativeLibc.Ioctl(fd, cmd, (nuint)arg));

    public long Mmap(ulong addr, ulong length, Prot prot, MapFlags flags, int fd = -1, ulong offset = 0)
    {
        var p = NativeLibc.Mmap((nint)addr, (nuint)length, (int)prot, (int)flags, fd, (long)offset);
        return p == -1 ? NativeLibc.Errno() : p;
    }

    public int Munmap(ulong addr, ulong length) => Ret(NativeLibc.Munmap((nint)addr, (nuint)length));

    public long Mremap(ulong oldAddr, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddr = 0)
    {
        var p = NativeLibc.Mremap((nint)oldAddr, (nuint)oldLength, (nuint)newLength, (int)flags, (nint)newAddr);
        return p == -1 ? NativeLibc.Errno() : p;
    }

    public int Madvise(ulong addr, ulong length, Madvise advice) => Ret(NativeLibc.Madvise((nint)addr, (nuint)length, (int)advice));

    public int Poll(int fd, PollEvents events, int timeoutMs)
    {
        var pfd = new NativeLibc.PollFd { Fd = fd, Events = (short)events };
        var r = NativeLibc.Poll(&pfd, 1, timeoutMs);
        return r < 0 ? NativeLibc.Errno() : r == 0 ? 0 : (ushort)pfd.Revents;
    }

    public FaultResult Read(ulong addr, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var local = new NativeLibc.IoVec { Base = (nint)p, Len = (nuint)buffer.Length };
            var remote = new NativeLibc.IoVec { Base = (nint)addr, Len = (nuint)buffer.Length };
            var n = NativeLibc.ProcessVmReadv(Pid, &local, 1, &remote, 1, 0);
            return n == buffer.Length ? FaultResult.Ok : Classify(addr + (ulong)Math.Max(0, n), write: false);
        }
    }

    public FaultResult Write(ulong addr, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var local = new NativeLibc.IoVec { Base = (nint)p, Len = (nuint)data.Length };
            var remote = new NativeLibc.IoVec { Base = (nint)addr, Len = (nuint)data.Length };
            var n = NativeLibc.ProcessVmWritev(Pid, &local, 1, &remote, 1, 0);
            return n == data.Length ? FaultResult.Ok : Classify(addr + (ulong)Math.Max(0, n), write: true);
        }
    }

    public IReadOnlyList<string> ListDevices(string prefix)
    {
        var dir = prefix.EndsWith('/') ? prefix : Path.GetDirectoryName(prefix) + "/";
        if (!Directory.Exists(dir))
            return [];
        return Directory.GetFileSystemEntries(dir).Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    public string? ReadTextFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public int WriteTextFile(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return -Errno.EACCES;
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return -Errno.ENOENT;
        }
        catch (IOException)
        {
            return -Errno.EINVAL;
        }
    }

    public void Kmsg(int level, string text) => WriteTextFile("/dev/kmsg", $"<{level}>{text}");

    /// <summary>Only probing (signal 0) is allowed: a real signal would hit the test host itself.</summary>
    public int Kill(int pid, int sig)
    {
        if (sig != 0)
            IgtCore.Skip("sending signals needs the emulated or the vm backend (the native test host is a .NET process)");
        return Ret(NativeLibc.Kill(pid, 0));
    }

    public void CatchSignal(int sig, bool restart) =>
        IgtCore.Skip("signal handlers need the emulated or the vm backend (the native test host is a .NET process)");

    public long SignalCount(int sig) => 0;

    public IChild Fork(Action<ISyscalls> body)
    {
        IgtCore.Skip("fork() needs the emulated backend");
        throw new InvalidOperationException("unreachable");
    }

    private static int Ret(int r) => r < 0 ? NativeLibc.Errno() : r;

    /// <summary>The fault an access at <paramref name="addr"/> would raise, from the mapping that covers it.</summary>
    private static FaultResult Classify(ulong addr, bool write)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var range = line.AsSpan(0, line.IndexOf(' '));
            var dash = range.IndexOf('-');
            var start = ulong.Parse(range[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(range[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (addr < start || addr >= end)
                continue;
            var perms = line.AsSpan(range.Length + 1, 4);
            var allowed = write ? perms[1] == 'w' : perms[0] == 'r';
            return allowed ? FaultResult.Bus : FaultResult.SegvAccErr;
        }
        return FaultResult.SegvMapErr;
    }
}
