using System.Text.RegularExpressions;
using Igt.Runner.History;
using Igt.Runner.Report;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Report;

/// <summary>Each report row links to that test's history: a strip of its recent statuses embedded in the page.</summary>
public sealed class HistoryStripsTests
{
    [Fact]
    public async Task Rows_carry_their_history_and_a_link_that_opens_it()
    {
        using var tmp = new TempDir();
        ReportFolders.Baseline(tmp.Combine("results", "base"));
        ReportFolders.Run(tmp.Combine("results", "run"));
        (await Program.RunAsync(["history-record", tmp.Combine("results", "base")], TextWriter.Null, TextWriter.Null)).Should().Be(0);

        var report = tmp.Combine("r.html");
        await Program.RunAsync(["report", tmp.Combine("results", "run"), "-o", report], TextWriter.Null, TextWriter.Null);
        var html = await File.ReadAllTextAsync(report);

        // Baseline then this (unrecorded) run: pass → dmesg-fail, absent → pass, fail → pass.
        html.Should().Contain("<tr id=\"t-igt@panfrost_submit@hostile\" data-s=\"dmesg-fail\" data-d=\"panfrost\" data-h=\"pF\">");
        html.Should().Contain("<tr id=\"t-igt@etnaviv_bo@new-test\" data-s=\"pass\" data-d=\"etnaviv\" data-h=\"-p\">");
        html.Should().Contain("data-h=\"fp\"");
        html.Should().Contain("<a class=\"hist\" href=\"#t-igt@panfrost_submit@hostile\">history</a>");
        Regex.Matches(html, "<a class=\"hist\"").Should().HaveCount(ReportFolders.Jobs.Length);
        html.Should().Contain("data-runs=\"[[&quot;baseline&quot;,").And.Contain("run (this run)");
    }

    [Fact]
    public void A_recorded_run_is_its_own_last_column_once_and_later_runs_are_left_out()
    {
        using var tmp = new TempDir();
        using var db = new HistoryDb(tmp.Combine("h.db"));
        RunResults R(string name, double t, TestStatus s) => new() { Name = name, StartTime = t, Tests = [new TestResult { Name = "igt@a@b", Status = s }] };
        db.Record(R("r1", 1, TestStatus.Pass), tmp.Combine("r1"));
        db.Record(R("r2", 2, TestStatus.Fail), tmp.Combine("r2"));
        db.Record(R("r3", 3, TestStatus.Crash), tmp.Combine("r3"));

        var strips = HistoryStrips.From(db, R("r2", 2, TestStatus.Fail), tmp.Combine("r2"));

        strips.Runs.Select(r => r.Name).Should().Equal("r1", "r2 (this run)");
        strips.Codes["igt@a@b"].Should().Be("pf");
        HistoryStrips.From(db, R("r3", 3, TestStatus.Crash), tmp.Combine("r3"), maxRuns: 2).Codes["igt@a@b"].Should().Be("fc");
    }
}
