using Igt.Kernel.Signals;

namespace Igt.Os;

/// <summary>
/// igt_fork_signal_helper: a helper that sends SIGCONT to the test process at a seeded rate (about every 2 ms),
/// so every blocking ioctl is interrupted and restarted. The test installs a counting handler with SA_RESTART,
/// as IGT's signal() does.
/// </summary>
public sealed class SignalHelper : IDisposable
{
    private readonly ISyscalls _sys;
    private readonly int[] _targets;
    private readonly Thread _thread;
    private readonly Random _rng;
    private readonly int _periodUs;
    private volatile bool _stop;
    private long _sent;

    private SignalHelper(ISyscalls sys, int[] targets, ulong seed, int periodUs)
    {
        _sys = sys;
        _targets = targets;
        _rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
        _periodUs = periodUs;
        _thread = new Thread(Loop) { IsBackground = true, Name = "igt-signal-helper" };
    }

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Starts the helper signalling <paramref name="sys"/>'s process (and <paramref name="extraPids"/>).</summary>
    public static SignalHelper Start(ISyscalls sys, ulong seed, int periodUs = 2000, params int[] extraPids)
    {
        sys.CatchSignal(Signal.SIGCONT, restart: true);
        var h = new SignalHelper(sys, [sys.Pid, .. extraPids], seed, periodUs);
        h._thread.Start();
        return h;
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        while (!_stop)
        {
            // Jitter between half and one and a half periods, from the seed.
            var us = _periodUs / 2 + _rng.Next(_periodUs);
            Thread.Sleep(TimeSpan.FromMicroseconds(us));
            foreach (var pid in _targets)
            {
                if (_sys.Kill(pid, Signal.SIGCONT) == 0)
                    Interlocked.Increment(ref _sent);
            }
        }
    }
}
