using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Igt.Os.Remote;

/// <summary>
/// This test host's connection to a VM started by tools/vm/boot.sh: one virtio serial port of the VM, claimed with
/// a lock file so each test host (the runner may start several) has a port of its own. Tests of the host share
/// it: each test is a session (a proxy process in the VM), each thread of a test a lane. A reader thread hands
/// replies to the threads waiting for them.
/// One kernel serves every test, so sessions take turns: a test must not see another test's DRM master, flink
/// names or memory counters. <see cref="Spawn"/> waits for the VM-wide session lock (in-process and, through a
/// lock file, across test hosts) and the session's Dispose releases it.
/// </summary>
public sealed class ProxyConnection : IDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<ProxyConnection>> Open = new();
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    private readonly Socket _socket;
    private readonly FileStream _claim;
    private readonly object _sendLock = new();
    private readonly ConcurrentDictionary<(uint Session, uint Lane), Waiter> _pending = new();
    private readonly ConcurrentDictionary<uint, string> _dead = new();
    private readonly Thread _reader;
    private readonly SemaphoreSlim _sessionTurn = new(1, 1);
    private readonly string _sessionLockFile;
    private int _nextSession;
    private volatile string? _broken;

    private ProxyConnection(Socket socket, FileStream claim, string port)
    {
        _socket = socket;
        _claim = claim;
        Port = port;
        _sessionLockFile = Path.Combine(Path.GetDirectoryName(port)!, "session.lock");
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "igt-proxy-reader" };
        _reader.Start();
        var hello = Call(0, ProxyOp.Hello, [], []);
        if (hello.Ret != ProxyFrame.Version)
            throw new ProxyException($"{port}: igt-proxy speaks protocol {hello.Ret}, this host {ProxyFrame.Version}: rebuild the VM (tools/vm/prepare.sh)");
        KernelRelease = Encoding.UTF8.GetString(hello.Payload);
    }

    /// <summary>The socket of the claimed port.</summary>
    public string Port { get; }

    /// <summary>uname -r of the VM's kernel.</summary>
    public string KernelRelease { get; }

    /// <summary>The process-wide connection to the VM whose run directory is <paramref name="vmDir"/>.</summary>
    public static ProxyConnection For(string vmDir)
    {
        var dir = Path.GetFullPath(vmDir);
        var lazy = Open.GetOrAdd(dir, d => new Lazy<ProxyConnection>(() => Connect(d)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Open.TryRemove(new KeyValuePair<string, Lazy<ProxyConnection>>(dir, lazy));
            throw;
        }
    }

    /// <summary>Starts a proxy process (a session) for one test.</summary>
    public RemoteSyscalls Spawn()
    {
        if (!_sessionTurn.Wait(ClaimTimeout))
            throw new ProxyException("another test of this host held the VM for too long");
        FileStream? turn = null;
        try
        {
            turn = WaitForClaim(_sessionLockFile, "another test host held the VM for too long");
            var session = (uint)Interlocked.Increment(ref _nextSession);
            var r = Call(0, ProxyOp.Spawn, [session], []);
            if (r.Ret < 0)
                throw new ProxyException($"{Port}: the VM could not start a proxy process: errno {-r.Ret}");
            var held = turn;
            return new RemoteSyscalls(this, session, () =>
            {
                held.Dispose();
                _sessionTurn.Release();
            });
        }
        catch
        {
            turn?.Dispose();
            _sessionTurn.Release();
            throw;
        }
    }

    /// <summary>One request on the calling thread's lane; blocks until its reply.</summary>
    public ProxyReply Call(uint session, ProxyOp op, ReadOnlySpan<ulong> args, ReadOnlySpan<byte> payload)
    {
        var lane = (uint)Environment.CurrentManagedThreadId;
        if (_dead.TryGetValue(session, out var why))
            throw new ProxyException(why);
        if (_broken is { } b)
            throw new ProxyException(b);
        var waiter = new Waiter();
        if (!_pending.TryAdd((session, lane), waiter))
            throw new InvalidOperationException($"lane {lane} of session {session} already has a request in flight");
        try
        {
            var frame = ProxyFrame.Request(session, lane, op, args, payload);
            lock (_sendLock)
                _socket.Send(frame);
            waiter.Done.Wait();
        }
        catch (SocketException e)
        {
            Fail($"{Port}: {e.Message}");
        }
        finally
        {
            _pending.TryRemove((session, lane), out _);
        }
        return waiter.Reply ?? throw new ProxyException(waiter.Error ?? "no reply");
    }

    public void Dispose()
    {
        Fail($"{Port}: connection closed");
        _socket.Dispose();
        _claim.Dispose();
    }

    private static ProxyConnection Connect(string dir)
    {
        var sockets = Directory.Exists(dir) ? Directory.GetFiles(dir, "igt*.sock").Order(StringComparer.Ordinal).ToArray() : [];
        if (sockets.Length == 0)
            throw new ProxyException($"no VM ports (igt*.sock) in {dir}: start the VM with tools/vm/boot.sh start {dir}");
        // Another test host may hold every port for a while: wait for one (the runner's timeouts bound the wait).
        var deadline = DateTime.UtcNow + ClaimTimeout;
        while (true)
        {
            foreach (var sock in sockets)
            {
                var claim = TryClaim(Path.ChangeExtension(sock, ".lock"));
                if (claim is null)
                    continue;
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    s.Connect(new UnixDomainSocketEndPoint(sock));
                    return new ProxyConnection(s, claim, sock);
                }
                catch
                {
                    s.Dispose();
                    claim.Dispose();
                    throw;
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new ProxyException($"every VM port in {dir} stayed claimed by other test hosts");
            Thread.Sleep(200);
        }
    }

    private static FileStream WaitForClaim(string lockFile, string timeoutMessage)
    {
        var deadline = DateTime.UtcNow + ClaimTimeout;
        while (true)
        {
            if (TryClaim(lockFile) is { } claim)
                return claim;
            if (DateTime.UtcNow > deadline)
                throw new ProxyException(timeoutMessage);
            Thread.Sleep(20);
        }
    }

    /// <summary>An exclusive lock (flock) on a lock file, held until disposed; null if someone else holds it.</summary>
    private static FileStream? TryClaim(string lockFile)
    {
        try
        {
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void ReadLoop()
    {
        var len = new byte[4];
        try
        {
            while (true)
            {
                ReadExactly(len);
                var n = BinaryPrimitives.ReadUInt32LittleEndian(len);
                if (n < ProxyFrame.ReplyHeader - 4 || n > ProxyFrame.MaxPayload + ProxyFrame.ReplyHeader)
                    throw new InvalidDataException($"bad frame length {n}");
                var body = new byte[n];
                ReadExactly(body);
                var reply = ProxyFrame.Reply(body);
                if (reply.Op == ProxyOp.Died)
                {
                    SessionDied(reply.Session, reply.Ret);
                    continue;
                }
                if (_pending.TryGetValue((reply.Session, reply.Lane), out var w))
                {
                    w.Reply = reply;
                    w.Done.Set();
                }
            }
        }
        catch (Exception e) when (e is SocketException or InvalidDataException or EndOfStreamException or ObjectDisposedException)
        {
            Fail($"{Port}: the VM connection broke ({e.Message}); see console.log in the VM directory");
        }
    }

    private void ReadExactly(Span<byte> buf)
    {
        while (buf.Length > 0)
        {
            var n = _socket.Receive(buf);
            if (n == 0)
                throw new EndOfStreamException("the VM closed the port");
            buf = buf[n..];
        }
    }

    private void SessionDied(uint session, long status)
    {
        var why = status == -3 /* ESRCH */
            ? $"proxy process {session} does not exist"
            : $"proxy process {session} died (wait status 0x{status:x}: signal {status & 0x7f}, exit {(status >> 8) & 0xff})";
        _dead[session] = why;
        foreach (var (key, w) in _pending)
        {
            if (key.Session == session)
            {
                w.Error = why;
                w.Done.Set();
            }
        }
    }

    private void Fail(string why)
    {
        _broken ??= why;
        foreach (var w in _pending.Values)
        {
            w.Error ??= why;
            w.Done.Set();
        }
    }

    private sealed class Waiter
    {
        public ManualResetEventSlim Done { get; } = new();

        public ProxyReply? Reply { get; set; }

        public string? Error { get; set; }
    }
}
