using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Fault;
using Igt.Kernel.Printk;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>
/// Fault containment: an exception inside an ioctl handler becomes an oops and a taint, the caller gets an errno,
/// the machine keeps working, and the fixture reports the oops (dmesg-warn) like the runner would.
/// </summary>
public sealed class CoreOops(ITestOutputHelper output) : CoreTest(output)
{
    [Subtest("injected-exception")]
    public void InjectedException()
    {
        IgnoreDmesg(@"Oops|BUG: unable to handle|RIP:|Call Trace|vgem_ioctl_gem_close|end trace|CPU: 0|exception site");
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        Machine.Faults.ThrowNth(FaultSites.Ioctl("GEM_CLOSE"));

        Gem.TryClose(Sys, fd, bo.Handle).Should().Be(-Errno.EFAULT, "the contained exception is reported as an error");
        Machine.Dmesg.Tainted.Should().HaveFlag(Taint.Die);
        (Sys.ReadTextFile("/proc/sys/kernel/tainted") ?? "").Trim().Should().Be(((uint)Taint.Die).ToString());
        Machine.Dmesg.ReadAll().Should().Contain(r => r.Text.StartsWith("Oops:") && r.Level == LogLevel.Emerg);

        // The kernel survived: the handle is still there and the next ioctl works.
        Gem.TryClose(Sys, fd, bo.Handle).Should().Be(0);
        IgtVgem.Create(Sys, fd, 4096).Handle.Should().NotBe(0);
    }

    [Subtest("fixture-reports-oops")]
    public void FixtureReportsOops()
    {
        // The same fault in a subtest that does not expect it: the fixture turns the oops into dmesg-warn.
        var outcome = KnownBugHarness.Run<CoreOops>("oops-victim", Output);
        outcome.Status.Should().Be("dmesg-warn");
        outcome.DmesgWarnings.Should().Contain("Oops:");
        outcome.Evidence.Should().Contain("injected fault at ioctl:GEM_CLOSE");
    }

    /// <summary>Helper subtest for fixture-reports-oops: passes in itself, leaves an oops behind.</summary>
    [Subtest("oops-victim")]
    public void OopsVictim()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        if (KnownBugHarness.IsNested)
            Machine.Faults.ThrowNth(FaultSites.Ioctl("GEM_CLOSE"));
        Gem.TryClose(Sys, fd, bo.Handle).Should().BeOneOf(0, -Errno.EFAULT);
    }
}
