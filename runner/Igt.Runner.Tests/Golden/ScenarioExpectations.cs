using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Golden;

/// <summary>
/// What the scenarios must say, written out by hand (the golden files alone could drift with the code that made
/// them): the status of every test of every scenario, and the details that make each status right.
/// </summary>
public sealed class ScenarioExpectations
{
    private static RunResults Build(string scenario)
    {
        var tmp = Directory.CreateTempSubdirectory("igt-runner-scenario-").FullName;
        TempDir.Copy(Path.Combine(TestPaths.Scenarios, scenario, "input"), tmp);
        try
        {
            return ResultsBuilder.Build(new ResultsLayout(tmp));
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
    }

    [Theory]
    [InlineData("igt@meta@pass", "pass")]
    [InlineData("igt@meta@fail", "fail")]
    [InlineData("igt@meta@skip", "skip")]
    [InlineData("igt@meta@warn", "warn")]
    [InlineData("igt@meta@warn-stderr", "warn")]
    [InlineData("igt@meta@crash", "crash")]
    [InlineData("igt@meta@host-crash", "crash")]
    [InlineData("igt@meta@timeout", "timeout")]
    [InlineData("igt@meta@incomplete", "incomplete")]
    [InlineData("igt@meta@incomplete-silent", "incomplete")]
    [InlineData("igt@meta@notrun", "notrun")]
    [InlineData("igt@meta@notrun-killed", "notrun")]
    [InlineData("igt@meta@dmesg-warn", "dmesg-warn")]
    [InlineData("igt@meta@dmesg-fail", "dmesg-fail")]
    [InlineData("igt@meta@dmesg-allowed", "pass")]
    [InlineData("igt@meta@dmesg-ignored", "dmesg-warn")]
    [InlineData("igt@meta@dmesg-continuation", "pass")]
    [InlineData("igt@meta@dmesg-info", "pass")]
    [InlineData("igt@meta@host-dmesg-warn", "pass")]
    [InlineData("igt@meta@skip-with-warning", "skip")]
    [InlineData("igt@meta@unknown-word", "incomplete")]
    [InlineData("igt@other@abort", "abort")]
    [InlineData("igt@runner@aborted", "fail")]
    public void Statuses_scenario(string test, string status)
    {
        Build("statuses").Find(test)!.Status.ToIgt().Should().Be(status);
    }

    [Fact]
    public void Statuses_scenario_details()
    {
        var run = Build("statuses");
        run.Tests.Should().HaveCount(23, "22 jobs and igt@runner@aborted");
        run.Find("igt@meta@incomplete-silent")!.Out.Should().Be(TestClassifier.NoOutputMessage);
        run.Find("igt@meta@incomplete")!.Out.Should().Be("meta: halfway there\n");
        run.Find("igt@meta@timeout")!.Dmesg.Should().Contain("meta: going to sleep");
        run.Find("igt@meta@timeout")!.Duration.Should().BeApproximately(3.015, 1e-9);
        var ignored = run.Find("igt@meta@dmesg-ignored")!;
        ignored.DmesgWarnings.Should().Contain("counted warning before the ignore").And.Contain("other warning still counts")
            .And.NotContain("expected scary warning");
        run.Find("igt@meta@dmesg-allowed")!.DmesgWarnings.Should().BeEmpty();
        run.Find("igt@runner@aborted")!.Out.Should().Contain("requested an abort");
        run.AbortReason.Should().NotBeNull();
        run.Totals[TestStatus.NotRun].Should().Be(2);
    }

    [Fact]
    public void Taint_abort_scenario()
    {
        var run = Build("taint-abort");
        run.Tests.Select(t => (t.Name, t.Status.ToIgt())).Should().Equal(
            ("igt@core_getversion@basic", "pass"),
            ("igt@gem_exec@taint", "abort"),
            ("igt@gem_exec@after-1", "notrun"),
            ("igt@gem_exec@after-2", "notrun"),
            ("igt@runner@aborted", "fail"));
        run.Find("igt@gem_exec@taint")!.DmesgWarnings.Should().Contain("WARNING: CPU: 1 PID: 7");
        run.Find("igt@runner@aborted")!.Out.Should().Contain("Kernel badly tainted, 0x200 (TAINT_WARN)");
    }

    [Fact]
    public void Dmesg_split_scenario()
    {
        var run = Build("dmesg-split");
        var own = run.Find("igt@kms@own-segment")!;
        own.Status.Should().Be(TestStatus.DmesgWarn);
        own.Dmesg.Should().Contain("boot: meta device probed").And.Contain("kms: own line").And.Contain("back in own-segment")
            .And.NotContain("belongs to someone-else");
        own.DmesgWarnings.Should().Be("<4> [0.000800] kms: a warning back in own-segment\n");

        var notFirst = run.Find("igt@kms@not-first")!;
        notFirst.Status.Should().Be(TestStatus.DmesgWarn, "boot lines before any marker belong to the subtest's own machine");
        notFirst.Dmesg.Should().NotContain("critical, but in another subtest");

        run.Find("igt@kms@no-markers")!.Status.Should().Be(TestStatus.DmesgFail, "a log without markers is all the subtest's");
        var dynamic = run.Find("igt@kms@dynamic-reset")!;
        dynamic.Status.Should().Be(TestStatus.DmesgWarn);
        dynamic.DmesgWarnings.Should().Contain("pipe B").And.NotContain("pipe A");
        var escapes = run.Find("igt@kms@escapes")!;
        escapes.Status.Should().Be(TestStatus.Pass);
        escapes.Dmesg.Should().Contain("<6> [123.456789] kms: tab\tand backslash-x: \\ done").And.Contain("garbage line without a kmsg header");
    }

    [Fact]
    public void Piglit_dmesg_scenario()
    {
        var run = Build("piglit-dmesg");
        run.Find("igt@drm@drm-notice")!.Status.Should().Be(TestStatus.DmesgWarn);
        run.Find("igt@drm@other-warning")!.Status.Should().Be(TestStatus.Pass);
    }

    [Fact]
    public void Repeat_scenario_reports_the_worst_iteration()
    {
        var run = Build("repeat");
        var thrash = run.Find("igt@stress@thrash")!;
        thrash.Status.Should().Be(TestStatus.Fail);
        thrash.Iteration.Should().Be(2);
        thrash.IterationStatuses.Should().Equal(TestStatus.Pass, TestStatus.Fail, TestStatus.Pass);
        thrash.Seed.Should().Be(Igt.Runner.Settings.Seed.ForIteration(0x2a, 2));
        thrash.Out.Should().StartWith("runner: ran 3 times: fail 1, pass 2; details from iteration 2 (IGT_SEED=0x")
            .And.Contain("stress: iteration 2");
        thrash.Duration.Should().BeApproximately(4.0, 1e-9);
        run.Find("igt@stress@steady")!.Status.Should().Be(TestStatus.Pass);
    }

    [Fact]
    public void Text_scenario_is_json_and_xml_safe()
    {
        var run = Build("text");
        var t = run.Find("igt@text@bytes")!;
        t.Out.Should().Be("valid é then invalid \uFFFD\uFFFD bytes\nafter NUL comes");
        t.Err.Should().Contain("bell \u0007");
        var xml = JUnitWriter.Write(run);
        System.Xml.Linq.XDocument.Parse(xml).Descendants("testcase").Should().ContainSingle();
        xml.Should().NotContain("\u0007");
    }
}
