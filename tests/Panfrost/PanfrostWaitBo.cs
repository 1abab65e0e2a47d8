using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Signals;
using Igt.Kernel.Sync;
using Igt.Os;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_wait_bo: WAIT_BO takes an absolute CLOCK_MONOTONIC deadline. A poll of a busy BO is -EBUSY, a wait
/// that runs out is -ETIMEDOUT, success returns the remaining jiffies (&gt;= 0 to userspace), and a wait
/// interrupted by signals and restarted (by the kernel with SA_RESTART, or by the library on EINTR) still ends at
/// the original deadline.
/// </summary>
public sealed class PanfrostWaitBo(ITestOutputHelper output) : PanfrostTest(output)
{
    private const long Ms = 1_000_000;

    /// <summary>Slack for a deadline overshoot on a loaded 2-core machine.</summary>
    private const long SlackNs = 250 * Ms;

    [Subtest("wait-idle")]
    public void WaitIdle()
    {
        var bo = GemNew(Sys, Fd, 4096);
        TryWaitBo(Sys, Fd, bo.Handle, 0).Should().BeGreaterThanOrEqualTo(0, "an idle BO polls ready");
        TryWaitBo(Sys, Fd, bo.Handle, AbsTimeout(10 * Ms)).Should().BeGreaterThanOrEqualTo(0);
    }

    [Subtest("wait-busy-poll")]
    public void WaitBusyPoll()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var spin = PanfrostSpin.Submit(Sys, Fd, [bo.Handle]);
        TryWaitBo(Sys, Fd, bo.Handle, 0).Should().Be(-Errno.EBUSY, "timeout 0 polls");
        TryWaitBo(Sys, Fd, spin.Bo.Handle, 0).Should().Be(-Errno.EBUSY);
        spin.Free(Sys, Fd);
        TryWaitBo(Sys, Fd, bo.Handle, 0).Should().BeGreaterThanOrEqualTo(0, "idle once the job is done");
    }

    [Subtest("wait-busy-timeout")]
    public void WaitBusyTimeout()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var spin = PanfrostSpin.Submit(Sys, Fd, [bo.Handle]);
        var start = KernelTime.MonotonicNs;
        var deadline = start + 50 * Ms;
        TryWaitBo(Sys, Fd, bo.Handle, deadline).Should().Be(-Errno.ETIMEDOUT, "the deadline passes while busy");
        var end = KernelTime.MonotonicNs;
        end.Should().BeGreaterThanOrEqualTo(deadline, "the wait lasts until the deadline");
        (end - deadline).Should().BeLessThan(SlackNs, "and not much longer");
        spin.Free(Sys, Fd);
    }

    /// <summary>A deadline already in the past is a poll (drm_timeout_abs_to_jiffies gives 0): -EBUSY, not -ETIMEDOUT.</summary>
    [Subtest("wait-past-deadline")]
    public void WaitPastDeadline()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var spin = PanfrostSpin.Submit(Sys, Fd, [bo.Handle]);
        TryWaitBo(Sys, Fd, bo.Handle, KernelTime.MonotonicNs - 10 * Ms).Should().Be(-Errno.EBUSY);
        TryWaitBo(Sys, Fd, bo.Handle, -1).Should().Be(-Errno.EBUSY, "a negative deadline is in the past too");
        spin.Free(Sys, Fd);
    }

    [Subtest("wait-completes")]
    public void WaitCompletes()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var spin = PanfrostSpin.Submit(Sys, Fd, [bo.Handle]);
        var ender = new Thread(() =>
        {
            Thread.Sleep(20);
            spin.End(Sys);
        });
        var start = KernelTime.MonotonicNs;
        ender.Start();
        TryWaitBo(Sys, Fd, bo.Handle, AbsTimeout(400 * Ms)).Should().BePositive("the kernel returns the remaining jiffies");
        (KernelTime.MonotonicNs - start).Should().BeLessThan(400 * Ms, "the wait ended when the job did");
        ender.Join();
        spin.Free(Sys, Fd);
    }

    /// <summary>SIGCONT every millisecond (SA_RESTART): the kernel restarts the wait, which keeps its deadline.</summary>
    [Subtest("wait-interrupted-restart")]
    public void WaitInterruptedRestart()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var spin = PanfrostSpin.Submit(Sys, Fd, [bo.Handle]);
        var interruptedBefore = Sys.InterruptedSyscalls;
        int r;
        long start, deadline;
        using (SignalHelper.Start(Sys, (ulong)WorkloadSeed(), periodUs: 1000))
        {
            start = KernelTime.MonotonicNs;
            deadline = start + 60 * Ms;
            r = TryWaitBo(Sys, Fd, bo.Handle, deadline);
        }
        var end = KernelTime.MonotonicNs;
        (r == -Errno.ETIMEDOUT || r == -Errno.EBUSY).Should().BeTrue($"the restarted wait times out ({Errno.Name(r)})");
        end.Should().BeGreaterThanOrEqualTo(deadline, "restarts do not cut the wait short");
        (end - deadline).Should().BeLessThan(SlackNs, "restarts do not extend the deadline");
        (Sys.InterruptedSyscalls - interruptedBefore).Should().BePositive("the signals interrupted the wait");
        spin.Free(Sys, Fd);
    }

    /// <summary>
    /// A signal without SA_RESTART every 5 ms: WAIT_BO returns -EINTR and the library (drmIoctl) calls it again with
    /// the same arguments; the absolute deadline makes the total wait end on time.
    /// </summary>
    [Subtest("wait-interrupted-eintr")]
    public void WaitInterruptedEintr()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var spin = PanfrostSpin.Submit(Sys, Fd, [bo.Handle]);
        Sys.CatchSignal(Signal.SIGUSR1, restart: false);
        var interruptedBefore = Sys.InterruptedSyscalls;
        var stop = false;
        var sender = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                Thread.Sleep(5);
                Sys.Kill(Sys.Pid, Signal.SIGUSR1);
            }
        });
        sender.Start();
        var start = KernelTime.MonotonicNs;
        var deadline = start + 60 * Ms;
        var raw = TryWaitBoRaw(Sys, Fd, bo.Handle, deadline);
        var r = raw == -Errno.EINTR ? TryWaitBo(Sys, Fd, bo.Handle, deadline) : raw;
        var end = KernelTime.MonotonicNs;
        Volatile.Write(ref stop, true);
        sender.Join();
        Errno.Name(raw).Should().Be("EINTR", "without SA_RESTART the interrupted wait returns -EINTR to userspace");
        (r == -Errno.ETIMEDOUT || r == -Errno.EBUSY).Should().BeTrue($"the re-issued wait times out ({Errno.Name(r)})");
        end.Should().BeGreaterThanOrEqualTo(deadline);
        (end - deadline).Should().BeLessThan(SlackNs, "EINTR restarts keep the absolute deadline");
        (Sys.InterruptedSyscalls - interruptedBefore).Should().BeGreaterThan(1, "the library restarted the wait after each EINTR");
        spin.Free(Sys, Fd);
    }

    [Subtest("wait-bad-pad")]
    public void WaitBadPad()
    {
        var bo = GemNew(Sys, Fd, 4096);
        var a = new DrmPanfrostWaitBo { Handle = bo.Handle, Pad = 1 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.WaitBo, ref a, Errno.EINVAL);
    }

    [Subtest("wait-bad-handle")]
    public void WaitBadHandle()
    {
        var a = new DrmPanfrostWaitBo { Handle = 0xdead };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.WaitBo, ref a, Errno.ENOENT);
    }
}
