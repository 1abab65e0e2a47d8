using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>panfrost_submit: job submission, its argument checks, the scheduler timeout and GPU faults.</summary>
public sealed class PanfrostSubmit(ITestOutputHelper output) : PanfrostTest(output)
{
    /// <summary>One tenth of a second.</summary>
    private const long ShortTimeNs = 100_000_000;

    /// <summary>The time the bad job takes to time out (sched timeout 500 ms) plus the time a reset can take.</summary>
    private const long BadJobTimeNs = ShortTimeNs + 500_000_000 + 100_000_000;

    [Subtest("pan-submit")]
    public void PanSubmit()
    {
        var submit = PanfrostSubmission.NullJob(Sys, Fd);
        submit.Submit(Sys, Fd);
        WaitSyncobj(Sys, Fd, submit.OutSync, AbsTimeout(ShortTimeNs)).Should().BeTrue("a NULL job completes within 100 ms");
        AssertDone(Sys, submit.SubmitBo);
        submit.Free(Sys, Fd);
    }

    [Subtest("pan-submit-error-no-jc")]
    public void PanSubmitErrorNoJc()
    {
        var submit = new DrmPanfrostSubmit { Jc = 0 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref submit, Errno.EINVAL);
    }

    [Subtest("pan-submit-error-bad-in-syncs")]
    public void PanSubmitErrorBadInSyncs()
    {
        var submit = PanfrostSubmission.NullJob(Sys, Fd);
        submit.Args.InSyncs = 0;
        submit.Args.InSyncCount = 1;
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref submit.Args, Errno.EFAULT);
        submit.Free(Sys, Fd);
    }

    [Subtest("pan-submit-error-bad-bo-handles")]
    public void PanSubmitErrorBadBoHandles()
    {
        var submit = PanfrostSubmission.NullJob(Sys, Fd);
        submit.Args.BoHandles = 0;
        submit.Args.BoHandleCount = 1;
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref submit.Args, Errno.EFAULT);
        submit.Free(Sys, Fd);
    }

    /// <summary>
    /// Upstream passes requirements = 2, invalid before uAPI 1.3; from 1.3 (JD_REQ_CYCLE_COUNT) 2 is valid, so the
    /// first bit the driver does not know is used instead.
    /// </summary>
    [Subtest("pan-submit-error-bad-requirements")]
    public void PanSubmitErrorBadRequirements()
    {
        var submit = PanfrostSubmission.NullJob(Sys, Fd);
        submit.Args.Requirements = DriverMinor() >= 3 ? 4u : 2u;
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref submit.Args, Errno.EINVAL);
        submit.Free(Sys, Fd);
    }

    [Subtest("pan-submit-error-bad-out-sync")]
    public void PanSubmitErrorBadOutSync()
    {
        var submit = PanfrostSubmission.NullJob(Sys, Fd);
        submit.Args.OutSync = unchecked((uint)-1);
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.Submit, ref submit.Args, Errno.ENODEV);
        submit.Free(Sys, Fd);
    }

    [Subtest("pan-reset")]
    public void PanReset()
    {
        IgnoreDmesg(TimeoutRegex);
        var tmpfd = Open(Sys);
        var loop = PanfrostSubmission.JobLoop(Sys, Fd);
        var nul = PanfrostSubmission.NullJob(Sys, tmpfd);
        loop.Submit(Sys, Fd);
        nul.Submit(Sys, tmpfd);
        // The loop must time out, and the other file's job complete right after the reset.
        WaitSyncobj(Sys, Fd, loop.OutSync, AbsTimeout(ShortTimeNs)).Should().BeFalse("an endless job is still running after 100 ms");
        WaitSyncobj(Sys, Fd, loop.OutSync, AbsTimeout(BadJobTimeNs)).Should().BeTrue("the scheduler timeout kills the endless job");
        WaitSyncobj(Sys, tmpfd, nul.OutSync, AbsTimeout(ShortTimeNs)).Should().BeTrue("the other file's job runs after the reset");

        // At least one job header of the loop was left not-done.
        var h0 = loop.SubmitBo.ReadU32(Sys, PanfrostSubmission.LoopHeaderOffset(0));
        var h1 = loop.SubmitBo.ReadU32(Sys, PanfrostSubmission.LoopHeaderOffset(1));
        (h0 != 1 || h1 != 1).Should().BeTrue($"a loop header is not DONE (0x{h0:x}, 0x{h1:x})");
        AssertDone(Sys, nul.SubmitBo);
        DmesgLines("gpu sched timeout, js=1").Should().NotBeEmpty("the timeout is reported");
        loop.Free(Sys, Fd);
        nul.Free(Sys, tmpfd);
        Sys.Close(tmpfd);
    }

    /// <summary>Closing a file with an endless job in flight tears its context down; other files keep working.</summary>
    [Subtest("pan-submit-and-close")]
    public void PanSubmitAndClose()
    {
        // Our own fd, closed right after the submission.
        var tmpfd = Open(Sys);
        var submit = PanfrostSubmission.JobLoop(Sys, tmpfd);
        submit.Submit(Sys, tmpfd);
        submit.Free(Sys, tmpfd);
        Sys.Close(tmpfd).Should().Be(0);

        // Since 5.14 the close kills the file's in-flight jobs: the slot is free without a scheduler timeout.
        var nul = PanfrostSubmission.NullJob(Sys, Fd);
        nul.Submit(Sys, Fd);
        WaitSyncobj(Sys, Fd, nul.OutSync, AbsTimeout(2_000_000_000)).Should().BeTrue("the slot is free again after the close");
        AssertDone(Sys, nul.SubmitBo);
        DmesgLines("gpu sched timeout").Should().BeEmpty("the closed file's endless job was killed, not timed out");
        nul.Free(Sys, Fd);
    }

    [Subtest("pan-unhandled-pagefault")]
    public void PanUnhandledPagefault()
    {
        ExpectGpuFaults();
        var submit = PanfrostSubmission.WriteValueJob(Sys, Fd, triggerPageFault: true);
        submit.Submit(Sys, Fd);
        WaitSyncobj(Sys, Fd, submit.OutSync, AbsTimeout(ShortTimeNs)).Should().BeTrue("a faulting job still signals");
        // The job faults, but the header does not say so: the MMU is disabled before the job manager can write it.
        submit.SubmitBo.ReadU32(Sys, 0).Should().NotBe(1u, "the faulting job is not DONE");
        submit.Free(Sys, Fd);
        DmesgLines("Unhandled Page fault in AS").Should().ContainMatch("*at VA 0x0000DEADBEEF0000");

        // New jobs on this context run normally.
        submit = PanfrostSubmission.WriteValueJob(Sys, Fd, triggerPageFault: false);
        submit.Submit(Sys, Fd);
        WaitSyncobj(Sys, Fd, submit.OutSync, AbsTimeout(ShortTimeNs)).Should().BeTrue("the next job completes");
        AssertDone(Sys, submit.SubmitBo);
        submit.SubmitBo.ReadU32(Sys, PanfrostSubmission.WriteValueTargetOffset).Should().Be(0u, "the job cleared its target");
        submit.Free(Sys, Fd);
    }

    private int DriverMinor()
    {
        var v = new DrmVersion();
        DrmIoctlHelper.DoIoctl(Sys, Fd, DrmIoctls.Version, ref v);
        return v.VersionMinor;
    }
}
