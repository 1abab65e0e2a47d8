using System.Text;
using Igt.Core;
using Igt.Kernel.Process;

namespace Igt.Os.Remote;

/// <summary>
/// <see cref="ISyscalls"/> on a real kernel: a proxy process in the VM (tools/vm/proxy) makes each call, and its
/// memory is the test's memory, so ioctl arguments written through <see cref="Write"/> are where the kernel reads
/// them. Errors come back as the kernel's -errno. fork() is not offered (subtests that fork skip).
/// </summary>
public sealed class RemoteSyscalls : ISyscalls, IKernelLog, IDisposable
{
    private readonly ProxyConnection _conn;
    private readonly uint _session;
    private readonly Action _release;
    private bool _disposed;

    internal RemoteSyscalls(ProxyConnection conn, uint session, Action release)
    {
        _conn = conn;
        _session = session;
        _release = release;
        var info = Call(ProxyOp.GetInfo);
        Pid = (int)info.Ret;
        IsRoot = info.Aux == 0;
    }

    public int Pid { get; }

    public bool IsRoot { get; }

    public bool IsEmulated => false;

    public SysCapabilities Capabilities => SysCapabilities.Signals | SysCapabilities.KernelLog;

    /// <summary>uname -r of the kernel under test.</summary>
    public string KernelRelease => _conn.KernelRelease;

    /// <summary>
    /// Calls that returned after a signal handler ran while they waited (restarted or not). The kernel does not
    /// report transparent restarts, so the proxy counts handlers that ran during an interruptible call.
    /// </summary>
    public long InterruptedSyscalls => Call(ProxyOp.Interrupted).Ret;

    public int Open(string path, OpenFlags flags = OpenFlags.ReadWrite) => (int)Call(ProxyOp.Open, [(ulong)flags], Encoding.UTF8.GetBytes(path)).Ret;

    public int Close(int fd) => (int)Call(ProxyOp.Close, (ulong)fd).Ret;

    public int Dup(int fd) => (int)Call(ProxyOp.Dup, (ulong)fd).Ret;

    public long Fstat(int fd) => Call(ProxyOp.Fstat, (ulong)fd).Ret;

    public int Ioctl(int fd, uint cmd, ulong arg) => (int)Call(ProxyOp.Ioctl, (ulong)fd, cmd, arg).Ret;

    public long Mmap(ulong addr, ulong length, Prot prot, MapFlags flags, int fd = -1, ulong offset = 0) =>
        Call(ProxyOp.Mmap, addr, length, (ulong)prot, (ulong)flags, (ulong)fd, offset).Ret;

    public int Munmap(ulong addr, ulong length) => (int)Call(ProxyOp.Munmap, addr, length).Ret;

    public long Mremap(ulong oldAddr, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddr = 0) =>
        Call(ProxyOp.Mremap, oldAddr, oldLength, newLength, (ulong)flags, newAddr).Ret;

    public int Madvise(ulong addr, ulong length, Madvise advice) => (int)Call(ProxyOp.Madvise, addr, length, (ulong)advice).Ret;

    public int Poll(int fd, PollEvents events, int timeoutMs) => (int)Call(ProxyOp.Poll, (ulong)fd, (ulong)events, (ulong)timeoutMs).Ret;

    public FaultResult Read(ulong addr, Span<byte> buffer)
    {
        for (var done = 0; done < buffer.Length;)
        {
            var n = Math.Min(buffer.Length - done, ProxyFrame.MaxPayload);
            var r = Call(ProxyOp.ReadMem, addr + (ulong)done, (ulong)n);
            r.Payload.AsSpan(0, Math.Min(n, r.Payload.Length)).CopyTo(buffer[done..]);
            if (r.Ret != 0)
                return (FaultResult)r.Ret;
            done += n;
        }
        return FaultResult.Ok;
    }

    public FaultResult Write(ulong addr, ReadOnlySpan<byte> data)
    {
        for (var done = 0; done < data.Length;)
        {
            var n = Math.Min(data.Length - done, ProxyFrame.MaxPayload);
            var r = Call(ProxyOp.WriteMem, [addr + (ulong)done], data.Slice(done, n));
            if (r.Ret != 0)
                return (FaultResult)r.Ret;
            done += n;
        }
        return FaultResult.Ok;
    }

    public IReadOnlyList<string> ListDevices(string prefix)
    {
        var dir = prefix.EndsWith('/') ? prefix : Path.GetDirectoryName(prefix) + "/";
        var r = Call(ProxyOp.ListDir, [], Encoding.UTF8.GetBytes(dir.TrimEnd('/')));
        if (r.Ret < 0)
            return [];
        return Encoding.UTF8.GetString(r.Payload).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => dir + n).Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    public string? ReadTextFile(string path)
    {
        var r = Call(ProxyOp.ReadFile, [], Encoding.UTF8.GetBytes(path));
        return r.Ret < 0 ? null : Encoding.UTF8.GetString(r.Payload);
    }

    public int WriteTextFile(string path, string text) =>
        (int)Call(ProxyOp.WriteFile, [], Encoding.UTF8.GetBytes(path + "\0" + text)).Ret;

    public void Kmsg(int level, string text) => Call(ProxyOp.Kmsg, [(ulong)level], Encoding.UTF8.GetBytes(text));

    public int Kill(int pid, int sig) => (int)Call(ProxyOp.Kill, (ulong)pid, (ulong)sig).Ret;

    public void CatchSignal(int sig, bool restart)
    {
        var r = Call(ProxyOp.SigAction, (ulong)sig, restart ? 1UL : 0);
        if (r.Ret != 0)
            throw new IgtAssertionException($"sigaction({sig}) in the proxy: errno {-r.Ret}");
    }

    public long SignalCount(int sig) => Call(ProxyOp.SigCount, (ulong)sig).Ret;

    public IChild Fork(Action<ISyscalls> body)
    {
        IgtCore.Skip("fork() needs the emulated backend (the real-kernel proxy runs one process per test)");
        throw new InvalidOperationException("unreachable");
    }

    public IReadOnlyList<string> ReadKmsg()
    {
        var lines = new List<string>();
        while (true)
        {
            var r = Call(ProxyOp.Dmesg);
            if (r.Payload.Length == 0)
                return lines;
            // Records are "prio,seq,usec,flags;text\n", possibly followed by " KEY=value" dictionary lines.
            lines.AddRange(Encoding.UTF8.GetString(r.Payload).Split('\n').Where(l => l.Length > 0 && l[0] != ' '));
        }
    }

    /// <summary>Ends the proxy process: the kernel closes its files and mappings, as at a test's exit.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            _conn.Call(0, ProxyOp.End, [_session], []);
        }
        catch (ProxyException)
        {
            // The VM is gone already; nothing is left to end.
        }
        finally
        {
            _release();
        }
    }

    private ProxyReply Call(ProxyOp op, params ulong[] args) => Call(op, args, []);

    private ProxyReply Call(ProxyOp op, ReadOnlySpan<ulong> args, ReadOnlySpan<byte> payload)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _conn.Call(_session, op, args, payload);
    }
}
