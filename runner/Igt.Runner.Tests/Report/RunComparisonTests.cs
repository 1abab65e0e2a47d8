using Igt.Runner.Report;
using Igt.Runner.Results;

namespace Igt.Runner.Tests.Report;

/// <summary>piglit's categories with piglit's status order; skip and notrun never regress or fix.</summary>
public sealed class RunComparisonTests
{
    private static RunResults Run(string name, params (string Test, TestStatus Status)[] tests) =>
        new() { Name = name, Tests = tests.Select(t => new TestResult { Name = t.Test, Status = t.Status }).ToList() };

    private static IEnumerable<string> Names(RunComparison c, ComparisonCategory cat) => c[cat].Select(s => s.Name);

    [Fact]
    public void Categories_follow_piglit()
    {
        var old = Run("old",
            ("igt@a@regress", TestStatus.Pass), ("igt@a@worse", TestStatus.Fail), ("igt@a@fixed", TestStatus.DmesgWarn),
            ("igt@a@skip-to-fail", TestStatus.Skip), ("igt@a@notrun-skip", TestStatus.NotRun), ("igt@a@gone", TestStatus.Pass),
            ("igt@a@same", TestStatus.Fail), ("igt@a@disabled", TestStatus.Pass));
        var now = Run("new",
            ("igt@a@regress", TestStatus.Warn), ("igt@a@worse", TestStatus.Crash), ("igt@a@fixed", TestStatus.Pass),
            ("igt@a@skip-to-fail", TestStatus.Fail), ("igt@a@notrun-skip", TestStatus.Skip), ("igt@a@new", TestStatus.Pass),
            ("igt@a@same", TestStatus.Fail), ("igt@a@disabled", TestStatus.NotRun));

        var c = RunComparison.Compare(old, now);

        Names(c, ComparisonCategory.Regressions).Should().BeEquivalentTo("igt@a@regress", "igt@a@worse");
        Names(c, ComparisonCategory.Fixes).Should().BeEquivalentTo("igt@a@fixed");
        Names(c, ComparisonCategory.Changes).Should().BeEquivalentTo(
            "igt@a@regress", "igt@a@worse", "igt@a@fixed", "igt@a@skip-to-fail", "igt@a@gone", "igt@a@new", "igt@a@disabled");
        Names(c, ComparisonCategory.Problems).Should().BeEquivalentTo("igt@a@regress", "igt@a@worse", "igt@a@skip-to-fail", "igt@a@same");
        // notrun → skip is "enabled" in piglit too (notrun → anything else), though not a change.
        Names(c, ComparisonCategory.Enabled).Should().BeEquivalentTo("igt@a@new", "igt@a@notrun-skip");
        Names(c, ComparisonCategory.Disabled).Should().BeEquivalentTo("igt@a@gone", "igt@a@disabled");
    }

    [Fact]
    public void The_console_form_lists_each_category_with_the_transition()
    {
        var c = RunComparison.Compare(Run("base", ("igt@a@x", TestStatus.Pass)), Run("new", ("igt@a@x", TestStatus.DmesgFail)));
        var w = new StringWriter();

        c.Print(w);

        w.ToString().Should().StartWith("Compared with base: regressions 1, fixes 0, changes 1, problems 1, enabled 0, disabled 0")
            .And.Contain("Regressions (1):\n  pass       -> dmesg-fail igt@a@x");
    }
}
