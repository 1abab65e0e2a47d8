using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Signals;
using Igt.Os;

namespace Igt.I915;

/// <summary>lib/i915/gem_submission.c: gem_submission_measure, how many requests fit before execbuf blocks.</summary>
public static class GemSubmission
{
    /// <summary>
    /// Corks <paramref name="engine"/> with a spinner and submits no-op batches while SIGALRM (no SA_RESTART) fires
    /// every 10 ms: the first one that returns EINTR was blocked waiting for ring space.
    /// </summary>
    public static int MeasureRingSize(ISyscalls sys, int fd, IntelEngine engine, int limit = 4096)
    {
        sys.CatchSignal(Signal.SIGALRM, restart: false);
        var nop = GemCreate.Create(sys, fd, 4096);
        GemIoctls.Write(sys, fd, nop, 0, new[] { IntelGpuCommands.MiBatchBufferEnd, 0u });
        using var spin = IgtSpin.New(sys, fd, engine);
        using var list = new GemExecList(sys);
        list.Add(nop);
        var eb = list.Args(engine.ExecFlags);
        // An interval timer (setitimer), on a thread of its own so a busy thread pool cannot hold it back.
        using var stop = new ManualResetEventSlim();
        var alarm = new Thread(() =>
        {
            while (!stop.Wait(10))
                sys.Kill(sys.Pid, Signal.SIGALRM);
        }) { IsBackground = true, Name = "igt-itimer" };
        alarm.Start();
        var count = 0;
        for (; count < limit; count++)
        {
            var r = DrmIoctlHelper.IoctlRaw(sys, fd, I915Ioctls.GemExecbuffer2, ref eb);
            if (r == -Errno.EINTR)
                break;
        }
        stop.Set();
        alarm.Join();
        spin.End();
        GemIoctls.Sync(sys, fd, nop);
        Gem.Close(sys, fd, nop);
        return count;
    }
}
