using Igt.Runner.Differential;
using Igt.Runner.Results;
using Igt.Runner.Settings;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Differential;

/// <summary>`igt-runner differential`: every way two runs of the same tests disagree, and which are documented.</summary>
public sealed class DifferentialTests : IDisposable
{
    private const string Pass = "start 1 1\nexit:pass (0.010s)\n";
    private const string Fail = "start 1 1\nexit:fail (0.010s)\n";
    private const string Skip = "start 1 1\nexit:skip (0.001s)\n";

    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private (string Emulated, string Real) TwoRuns(Action<ResultsFolder> emulated, Action<ResultsFolder> real, params string[] jobs)
    {
        var e = new ResultsFolder(Path.Combine(_tmp.Path, "emulated")).WithSettings(new RunSettings(), jobs);
        var r = new ResultsFolder(Path.Combine(_tmp.Path, "real")).WithSettings(new RunSettings(), jobs);
        emulated(e);
        real(r);
        return (e.Layout.Root, r.Layout.Root);
    }

    private static DifferentialReport Compare((string Emulated, string Real) dirs, string expected = "") =>
        DifferentialReport.Compare(ResultsBuilder.Build(new ResultsLayout(dirs.Emulated)), ResultsBuilder.Build(new ResultsLayout(dirs.Real)),
            ExpectedDifferences.Parse(expected, "expected.txt"));

    [Fact]
    public void Identical_runs_agree()
    {
        var dirs = TwoRuns(
            e => e.Test("igt@a@x", Pass, "syscall-errors: ioctl(0x1)=EINVAL x2\n"),
            r => r.Test("igt@a@x", Pass, "syscall-errors: ioctl(0x1)=EINVAL\n"),
            "igt@a@x");
        var report = Compare(dirs);
        report.Disagreements.Should().BeEmpty("errno counts may differ (restarts), the set of failed calls may not");
        report.Compared.Should().Be(1);
        report.RealRan.Should().Be(1);
    }

    [Fact]
    public void Status_errno_and_dmesg_differences_are_each_listed()
    {
        var dirs = TwoRuns(
            e =>
            {
                e.Test("igt@a@status", Pass, "");
                e.Test("igt@a@errno", Pass, "syscall-errors: ioctl(0x3f)=EINVAL\n");
                e.Test("igt@a@dmesg", Pass, "syscall-errors: none\n");
            },
            r =>
            {
                r.Test("igt@a@status", Fail, "", "Expected -22, found 0\n");
                r.Test("igt@a@errno", Pass, "syscall-errors: ioctl(0x3f)=EFAULT\n");
                r.Test("igt@a@dmesg", Pass, "syscall-errors: none\n", dmesg: "4,10,500,-;vgem vgem: something odd\n");
            },
            "igt@a@status", "igt@a@errno", "igt@a@dmesg");
        var report = Compare(dirs);
        // The runner turns the warning into dmesg-warn, so that test disagrees on its status and on its dmesg lines.
        report.Disagreements.Select(d => (d.Test, d.Kind)).Should().BeEquivalentTo(new[]
        {
            ("igt@a@status", "status"), ("igt@a@errno", "errno"), ("igt@a@dmesg", "status"), ("igt@a@dmesg", "dmesg"),
        });
        report.Disagreements.Single(d => d.Kind == "errno").Real.Should().Be("ioctl(0x3f)=EFAULT");
        report.Disagreements.Single(d => d.Kind == "dmesg").Real.Should().Contain("something odd");
        report.Unexplained.Should().Be(4);
    }

    [Fact]
    public void Documented_differences_are_explained_and_skip_reasons_shown()
    {
        var dirs = TwoRuns(
            e => e.Test("igt@core_thrash@x", Pass, ""),
            r => r.Test("igt@core_thrash@x", Skip, "", "Test requirement not met: the emulated machine\n"),
            "igt@core_thrash@x");
        var report = Compare(dirs, "# comment\n^igt@core_thrash@ status emulation-only: RAM size is a machine setting\n");
        var d = report.Disagreements.Should().ContainSingle().Subject;
        d.Explanation.Should().Be("emulation-only: RAM size is a machine setting");
        d.Real.Should().Be("skip (Test requirement not met: the emulated machine)");
        report.Unexplained.Should().Be(0);
        report.ToText("e", "r").Should().Contain("0 unexplained").And.Contain("why:      emulation-only");
    }

    [Fact]
    public void A_test_missing_from_one_run_is_a_disagreement()
    {
        var dirs = TwoRuns(e => e.Test("igt@a@only-emulated", Pass, ""), r => { }, "igt@a@only-emulated");
        File.WriteAllText(Path.Combine(dirs.Real, "joblist.txt"), "");
        Compare(dirs).Disagreements.Should().ContainSingle().Which.Kind.Should().Be("missing");
    }

    [Fact]
    public async Task The_command_exits_1_on_unexplained_and_0_once_documented()
    {
        var dirs = TwoRuns(e => e.Test("igt@a@x", Pass, ""), r => r.Test("igt@a@x", Fail, ""), "igt@a@x");
        var stdout = new StringWriter();
        (await Program.RunAsync(["differential", dirs.Emulated, dirs.Real], stdout, new StringWriter())).Should().Be(1);
        stdout.ToString().Should().Contain("UNEXPLAINED status  igt@a@x");

        var expected = Path.Combine(_tmp.Path, "expected.txt");
        File.WriteAllText(expected, "^igt@a@x$ * known\n");
        var report = Path.Combine(_tmp.Path, "report.txt");
        (await Program.RunAsync(["differential", dirs.Emulated, dirs.Real, "--expected", expected, "--output", report], new StringWriter(), new StringWriter()))
            .Should().Be(0);
        File.ReadAllText(report).Should().Contain("1 explained, 0 unexplained");
    }

    [Fact]
    public void A_malformed_expected_list_is_a_usage_error()
    {
        var act = () => ExpectedDifferences.Parse("^igt@a status\n", "x.txt");
        act.Should().Throw<UsageException>().WithMessage("x.txt:1:*");
    }
}
