using Igt.Runner.History;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.History;

/// <summary>Runs recorded in SQLite; a test's regression window and flake rate come back out.</summary>
public sealed class HistoryTests
{
    private static RunResults Run(string name, double started, params (string Test, TestStatus[] Its)[] tests) => new()
    {
        Name = name,
        StartTime = started,
        Tests = tests.Select(t => new TestResult { Name = t.Test, Status = t.Its.MaxBy(s => s.Severity()), IterationStatuses = t.Its }).ToList(),
    };

    [Fact]
    public void The_regression_window_is_the_last_pass_and_the_first_failure_after_it()
    {
        using var tmp = new TempDir();
        using (var db = new HistoryDb(tmp.Combine("history.db")))
        {
            db.Record(Run("r1", 100, ("igt@a@x", [TestStatus.Fail]), ("igt@a@y", [TestStatus.Pass])), tmp.Combine("r1"));
            db.Record(Run("r2", 200, ("igt@a@x", [TestStatus.Pass]), ("igt@a@y", [TestStatus.Pass, TestStatus.Fail])), tmp.Combine("r2"));
            db.Record(Run("r3", 300, ("igt@a@x", [TestStatus.Crash]), ("igt@a@y", [TestStatus.Pass])), tmp.Combine("r3"));
            db.Record(Run("r4", 400, ("igt@a@x", [TestStatus.Fail]), ("igt@a@y", [TestStatus.Pass])), tmp.Combine("r4"));
            // Recording a directory again replaces it.
            db.Record(Run("r4", 400, ("igt@a@x", [TestStatus.Fail]), ("igt@a@y", [TestStatus.Pass])), tmp.Combine("r4"));
        }

        using var h = new HistoryDb(tmp.Combine("history.db"));
        var x = new TestHistory("igt@a@x", h.Test("igt@a@x"));
        x.Runs.Select(r => r.Run).Should().Equal("r1", "r2", "r3", "r4");
        x.LastPass!.Run.Should().Be("r2");
        x.FirstFailure!.Run.Should().Be("r3");
        x.FlakeRate.Should().Be(0.5, "r2 and r3 flipped");
        new TestHistory("igt@a@y", h.Test("igt@a@y")).FlakeRate.Should().Be(0.5, "r2 was mixed across iterations and r3 flipped back");
        new TestHistory("igt@a@y", h.Test("igt@a@y")).FirstFailure.Should().BeNull();
        h.PassRates().Select(r => r.Rate).Should().Equal(0.5, 0.5, 0.5, 0.5);
    }

    [Fact]
    public async Task The_history_command_prints_the_window_and_the_report_charts_the_pass_rate()
    {
        using var tmp = new TempDir();
        Report.ReportFolders.Baseline(tmp.Combine("results", "base"));
        Report.ReportFolders.Run(tmp.Combine("results", "run"));
        var db = tmp.Combine("results", "history.db");
        foreach (var dir in new[] { "base", "run" })
            (await Program.RunAsync(["history-record", tmp.Combine("results", dir)], TextWriter.Null, TextWriter.Null)).Should().Be(0);

        var stdout = new StringWriter();
        (await Program.RunAsync(["history", "igt@panfrost_submit@hostile", "--db", db], stdout, TextWriter.Null)).Should().Be(0);
        stdout.ToString().Should().Contain("Regression window: last pass baseline, first failure run").And.Contain("Flake rate: 50");

        await Program.RunAsync(["report", tmp.Combine("results", "run"), "-o", tmp.Combine("r.html")], TextWriter.Null, TextWriter.Null);
        File.ReadAllText(tmp.Combine("r.html")).Should().Contain("Pass rate over the run history").And.Contain("<title>baseline: 80.0 %</title>");
    }
}
