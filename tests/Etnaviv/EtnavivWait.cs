using System.Diagnostics;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>etnaviv_wait: WAIT_FENCE and GEM_WAIT.</summary>
public sealed class EtnavivWait(ITestOutputHelper output) : EtnavivTest(output)
{
    private static readonly TimeSpan JobTime = TimeSpan.FromMilliseconds(300);

    private uint SlowJob(uint bo)
    {
        StallFrontEnd(JobTime);
        return Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 7), new EtnavivSubmitBo(bo));
    }

    [Subtest("wait-fence-nonblock")]
    public void WaitFenceNonblock()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var fence = SlowJob(bo);
        EtnavivFence.TryWait(Sys, Fd, fence, default, EtnavivIoctls.WaitNonblock).Should().Be(-Errno.EBUSY);
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(5));
        EtnavivFence.TryWait(Sys, Fd, fence, default, EtnavivIoctls.WaitNonblock).Should().Be(0);
    }

    [Subtest("wait-fence-timeout")]
    public void WaitFenceTimeout()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var fence = SlowJob(bo);
        var sw = Stopwatch.StartNew();
        EtnavivFence.TryWait(Sys, Fd, fence, IgtEtnaviv.Deadline(TimeSpan.FromMilliseconds(30))).Should().Be(-Errno.ETIMEDOUT);
        sw.Elapsed.Should().BeLessThan(JobTime);
        EtnavivFence.TryWait(Sys, Fd, fence, IgtEtnaviv.Expired).Should().Be(-Errno.ETIMEDOUT);
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(5));
    }

    [Subtest("wait-fence-bad-args")]
    public void WaitFenceBadArgs()
    {
        var deadline = IgtEtnaviv.Deadline(TimeSpan.FromSeconds(1));
        EtnavivFence.TryWait(Sys, Fd, 0, deadline, flags: 2).Should().Be(-Errno.EINVAL);
        EtnavivFence.TryWait(Sys, Fd, 0, deadline, pipe: 1).Should().Be(-Errno.ENXIO);
        EtnavivFence.TryWait(Sys, Fd, 0, deadline, pipe: 4).Should().Be(-Errno.EINVAL);
        // An id nobody got (or one that retired) counts as done.
        EtnavivFence.TryWait(Sys, Fd, 123456, deadline).Should().Be(0);
    }

    [Subtest("wait-fence-signal-helper")]
    public void WaitFenceSignalHelper()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        var rounds = Core.IgtEnv.StressIterations(ci: 3, nightly: 20);
        var before = Sys.InterruptedSyscalls;
        using (SignalHelper.Start(Sys, MachineSeed("signal"), periodUs: 1000))
        {
            for (var i = 0; i < rounds; i++)
            {
                StallFrontEnd(TimeSpan.FromMilliseconds(60));
                var fence = Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, (uint)i + 1), new EtnavivSubmitBo(bo));
                EtnavivFence.TryWait(Sys, Fd, fence, IgtEtnaviv.Deadline(TimeSpan.FromSeconds(10))).Should().Be(0);
                EtnavivBo.ReadU32(Sys, map).Should().Be((uint)i + 1);
            }
        }
        Sys.InterruptedSyscalls.Should().BeGreaterThan(before, "the helper's signals interrupted the waits");
    }

    [Subtest("wait-fence-eintr")]
    public void WaitFenceEintr()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var fence = SlowJob(bo);
        Sys.CatchSignal(Kernel.Signals.Signal.SIGUSR1, restart: false);
        // A thread of its own: a timer callback can sit in a starved thread pool for longer than the job.
        var killer = new Thread(() =>
        {
            Thread.Sleep(50);
            Sys.Kill(Sys.Pid, Kernel.Signals.Signal.SIGUSR1);
        });
        killer.Start();
        EtnavivFence.TryWaitRaw(Sys, Fd, fence, IgtEtnaviv.Deadline(TimeSpan.FromSeconds(10))).Should().Be(-Errno.EINTR,
            "a signal without SA_RESTART ends the wait with EINTR");
        killer.Join();
        EtnavivFence.IsSignaled(Sys, Fd, fence).Should().BeFalse("the wait ended before the job");
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(5));
    }

    [Subtest("gem-wait")]
    public void GemWait()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var other = EtnavivBo.New(Sys, Fd, 4096);
        SlowJob(bo);
        EtnavivBo.TryWait(Sys, Fd, bo, default, EtnavivIoctls.WaitNonblock).Should().Be(-Errno.EBUSY);
        EtnavivBo.TryWait(Sys, Fd, other, default, EtnavivIoctls.WaitNonblock).Should().Be(0, "the GPU does not use this one");
        EtnavivBo.TryWait(Sys, Fd, bo, IgtEtnaviv.Deadline(TimeSpan.FromMilliseconds(20))).Should().Be(-Errno.ETIMEDOUT);
        EtnavivBo.Wait(Sys, Fd, bo, TimeSpan.FromSeconds(5));
        EtnavivBo.TryWait(Sys, Fd, bo, default, EtnavivIoctls.WaitNonblock).Should().Be(0);
        EtnavivBo.TryWait(Sys, Fd, 0x999, default, EtnavivIoctls.WaitNonblock).Should().Be(-Errno.ENOENT);
        EtnavivBo.TryWait(Sys, Fd, bo, default, 0x10).Should().Be(-Errno.EINVAL);
        EtnavivBo.TryWait(Sys, Fd, bo, default, EtnavivIoctls.WaitNonblock, pipe: 3).Should().Be(-Errno.ENXIO);
    }

    [Subtest("fence-fd")]
    public void FenceFd()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var other = EtnavivBo.New(Sys, Fd, 4096);
        StallFrontEnd(TimeSpan.FromMilliseconds(300));
        var syncFd = Igt.Etnaviv.EtnavivSubmit.SubmitWithFenceFd(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 1), new EtnavivSubmitBo(bo));
        Sys.Poll(syncFd, Kernel.Process.PollEvents.In, 0).Should().Be(0, "the job is still running");
        // A job on another BO that waits for the first through the sync_file only: it must not reach the GPU yet.
        var r = Igt.Etnaviv.EtnavivSubmit.TrySubmit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 4, 2), [new EtnavivSubmitBo(other)], out var second,
            flags: EtnavivIoctls.SubmitFenceFdIn, fenceFd: syncFd);
        r.Should().Be(0);
        Thread.Sleep(50);
        (Sys.ReadTextFile("/sys/kernel/debug/dri/0/gpu") ?? "").Should().Contain("active jobs: 1", "the second job waits for its in-fence");
        EtnavivFence.IsSignaled(Sys, Fd, second.Fence).Should().BeFalse();
        EtnavivFence.Wait(Sys, Fd, second.Fence, TimeSpan.FromSeconds(5));
        Sys.Poll(syncFd, Kernel.Process.PollEvents.In, 0).Should().Be((int)Kernel.Process.PollEvents.In, "the in-fence signalled first");
        Igt.Etnaviv.EtnavivSubmit.TrySubmit(Sys, Fd, new EtnavivCmdStream().Nop(), [], out _, flags: EtnavivIoctls.SubmitFenceFdIn, fenceFd: Fd)
            .Should().Be(-Errno.EINVAL, "the in-fence fd must be a sync_file");
        Sys.Close(syncFd).Should().Be(0);
    }
}
