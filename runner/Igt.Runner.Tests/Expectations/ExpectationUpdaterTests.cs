using Igt.Runner.Expectations;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Expectations;

/// <summary>drm-ci's update-xfails rule: consistent failure → fails, inconsistent → flakes, improvement removed.</summary>
public sealed class ExpectationUpdaterTests
{
    private static TestResult T(string name, params TestStatus[] iterations) =>
        new() { Name = name, Status = iterations.MaxBy(s => s.Severity()), IterationStatuses = iterations };

    [Fact]
    public void The_drm_ci_rule_applies()
    {
        using var tmp = new TempDir();
        tmp.Write("x/panfrost-g52-fails.txt", "panfrost_submit@fixed,Fail\npanfrost_submit@now-flaky,Fail\n");
        tmp.Write("x/etnaviv-gc7000-fails.txt", "etnaviv_bo@fixed,Crash\n");
        var run = new RunResults
        {
            Name = "nightly",
            Uname = "Linux emulated 6.9.0-igt #1",
            Tests =
            [
                T("igt@core_getversion@basic", TestStatus.Fail),
                T("igt@panfrost_submit@fixed", TestStatus.Pass),
                T("igt@panfrost_submit@broken", TestStatus.Crash, TestStatus.Crash),
                T("igt@panfrost_submit@now-flaky", TestStatus.Pass, TestStatus.Pass, TestStatus.Pass, TestStatus.Fail),
                T("igt@etnaviv_bo@fixed", TestStatus.Pass),
            ],
        };

        var changes = ExpectationUpdater.Update(run, tmp.Combine("x"));

        File.ReadAllText(tmp.Combine("x/panfrost-g52-fails.txt")).Should().Be("panfrost_submit@broken,Crash\n");
        File.Exists(tmp.Combine("x/etnaviv-gc7000-fails.txt")).Should().BeFalse("an empty fails file is deleted");
        var flakes = File.ReadAllText(tmp.Combine("x/panfrost-g52-flakes.txt"));
        flakes.Should().Contain("# Failure Rate: 25%").And.Contain("# Linux Version: 6.9.0-igt").And.EndWith("^panfrost_submit@now-flaky$\n");
        ExpectationParser.ParseFlakes(flakes, "flakes").Should().ContainSingle().Which.IsMatch("panfrost_submit@now-flaky").Should().BeTrue();
        changes.Select(c => c.Test).Should().BeEquivalentTo(
            "panfrost_submit@fixed", "panfrost_submit@broken", "panfrost_submit@now-flaky", "etnaviv_bo@fixed");
    }

    [Fact]
    public void A_driver_without_files_gets_gpu_none()
    {
        using var tmp = new TempDir();
        var run = new RunResults { Name = "r", Tests = [T("igt@vgem_basic@x", TestStatus.Timeout)] };

        ExpectationUpdater.Update(run, tmp.Combine("x"));

        File.ReadAllText(tmp.Combine("x/vgem-none-fails.txt")).Should().Be("vgem_basic@x,Timeout\n");
    }
}
