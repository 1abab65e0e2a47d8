using System.Diagnostics;
using Igt.Kernel.Process;

namespace Igt.Kernel.Sync;

/// <summary>
/// A wait queue: sleepers wait for a condition with a timeout, interruptibly or not. Wakers change state first
/// and then call <see cref="WakeUpAll"/>. An interruptible sleep of a task with a pending signal returns
/// -ERESTARTSYS, like wait_event_interruptible_timeout().
/// </summary>
public sealed class WaitQueue
{
    /// <summary>MAX_SCHEDULE_TIMEOUT: wait without a deadline.</summary>
    public const long Forever = long.MaxValue;

    private readonly object _lock = new();

    public void WakeUpAll()
    {
        lock (_lock)
            Monitor.PulseAll(_lock);
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds. Returns the remaining time in ns (at least 1) when it holds,
    /// 0 when the timeout ran out, or -ERESTARTSYS when interrupted by a signal.
    /// </summary>
    public long WaitEvent(Func<bool> condition, long timeoutNs, bool interruptible)
    {
        if (condition())
            return Math.Max(1, timeoutNs);
        var task = interruptible ? TaskStruct.Current : null;
        var start = Stopwatch.GetTimestamp();
        task?.Signals.AddSleeper(this);
        try
        {
            lock (_lock)
            {
                while (true)
                {
                    if (condition())
                        return Math.Max(1, Remaining(start, timeoutNs));
                    if (task is not null && task.Signals.HasPending)
                        return -Errno.ERESTARTSYS;
                    var remaining = Remaining(start, timeoutNs);
                    if (remaining <= 0)
                        return 0;
                    // Bounded slices keep a lost wakeup from turning into a hang.
                    var ms = (int)Math.Clamp(remaining / 1_000_000, 1, 50);
                    Monitor.Wait(_lock, ms);
                }
            }
        }
        finally
        {
            task?.Signals.RemoveSleeper(this);
        }
    }

    private static long Remaining(long start, long timeoutNs)
    {
        if (timeoutNs == Forever)
            return Forever;
        var elapsedNs = (long)((Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency));
        return timeoutNs - elapsedNs;
    }
}
