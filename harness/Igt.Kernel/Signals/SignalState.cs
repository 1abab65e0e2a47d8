namespace Igt.Kernel.Signals;

using Igt.Kernel.Sync;

/// <summary>
/// Pending signals and dispositions of a task. Sending a signal wakes the task's interruptible sleeps, which then
/// return -ERESTARTSYS; the syscall boundary delivers the signal and turns that into -EINTR or a restart.
/// </summary>
public sealed class SignalState
{
    private readonly object _lock = new();
    private readonly SigAction[] _actions = Enumerable.Repeat(SigAction.Default, 65).ToArray();
    private readonly long[] _delivered = new long[65];
    private readonly List<WaitQueue> _sleepingOn = new();
    private ulong _pending;

    public bool HasPending => Volatile.Read(ref _pending) != 0;

    /// <summary>A fatal signal arrived (SIGKILL, or a default-terminating signal without a handler).</summary>
    public bool Killed { get; private set; }

    public void SetAction(int sig, SigAction action)
    {
        lock (_lock)
            _actions[sig] = action;
    }

    public SigAction GetAction(int sig)
    {
        lock (_lock)
            return _actions[sig];
    }

    /// <summary>How many times the handler of <paramref name="sig"/> ran.</summary>
    public long DeliveredCount(int sig) => Interlocked.Read(ref _delivered[sig]);

    /// <summary>send_signal(): mark pending and wake interruptible sleepers.</summary>
    public void Send(int sig)
    {
        if (sig <= 0 || sig > 64)
            return;
        WaitQueue[] wake;
        lock (_lock)
        {
            if (_actions[sig].Disposition == SigDisposition.Ignore && sig != Signal.SIGKILL)
                return;
            _pending |= 1UL << sig;
            wake = _sleepingOn.ToArray();
        }
        foreach (var wq in wake)
            wq.WakeUpAll();
    }

    internal void AddSleeper(WaitQueue wq)
    {
        lock (_lock)
            _sleepingOn.Add(wq);
    }

    internal void RemoveSleeper(WaitQueue wq)
    {
        lock (_lock)
            _sleepingOn.Remove(wq);
    }

    /// <summary>
    /// Delivers every pending signal (runs the counting handlers). Returns true when an interrupted syscall may be
    /// restarted transparently: every delivered signal was ignored by default or had SA_RESTART.
    /// </summary>
    public bool Deliver() => Deliver(out _);

    /// <summary><see cref="Deliver()"/>, also telling whether a handler ran (ERESTARTNOHAND restarts only if none did).</summary>
    public bool Deliver(out bool handlerRan)
    {
        var restart = true;
        handlerRan = false;
        lock (_lock)
        {
            while (_pending != 0)
            {
                var sig = System.Numerics.BitOperations.TrailingZeroCount(_pending);
                _pending &= ~(1UL << sig);
                var act = _actions[sig];
                switch (act.Disposition)
                {
                    case SigDisposition.Handler:
                        _delivered[sig]++;
                        restart &= act.Restart;
                        handlerRan = true;
                        break;
                    case SigDisposition.Ignore:
                        break;
                    default:
                        _delivered[sig]++;
                        if (sig == Signal.SIGKILL || !Signal.DefaultIgnores(sig))
                        {
                            Killed = true;
                            restart = false;
                        }
                        break;
                }
            }
        }
        return restart;
    }
}
