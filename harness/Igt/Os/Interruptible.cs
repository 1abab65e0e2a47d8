using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Signals;

namespace Igt.Os;

/// <summary>
/// igt_while_interruptible: every ioctl of the body (through <see cref="DrmIoctlHelper"/>) is interrupted by a
/// timer signal without SA_RESTART; on EINTR the delay doubles and the ioctl is retried. The whole body repeats
/// with a doubled base delay until a pass sees no interruption.
/// </summary>
public static class Interruptible
{
    public sealed record Stats(int Passes, long Ioctls, long Interrupted);

    public static Stats Run(ISyscalls sys, Action body, int maxPasses = 6, int firstDelayUs = 200)
    {
        sys.CatchSignal(Signal.SIGRTMIN, restart: false);
        var passes = 0;
        long totalIoctls = 0, totalHits = 0;
        var delayUs = firstDelayUs;
        var prev = DrmIoctlHelper.t_interposer;
        try
        {
            for (; passes < maxPasses; passes++)
            {
                long ioctls = 0, hits = 0;
                var passDelay = delayUs;
                DrmIoctlHelper.t_interposer = (s, fd, cmd, arg) =>
                {
                    ioctls++;
                    var d = passDelay;
                    while (true)
                    {
                        using var timer = new Timer(_ => s.Kill(s.Pid, Signal.SIGRTMIN), null, TimeSpan.FromMicroseconds(d), Timeout.InfiniteTimeSpan);
                        var r = s.Ioctl(fd, cmd, arg);
                        if (r != -Errno.EINTR)
                            return r;
                        hits++;
                        d *= 2;
                    }
                };
                body();
                totalIoctls += ioctls;
                totalHits += hits;
                if (hits == 0)
                {
                    passes++;
                    break;
                }
                delayUs *= 2;
            }
        }
        finally
        {
            DrmIoctlHelper.t_interposer = prev;
        }
        return new Stats(passes, totalIoctls, totalHits);
    }
}
