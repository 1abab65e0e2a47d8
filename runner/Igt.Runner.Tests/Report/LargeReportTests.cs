using System.Diagnostics;
using Igt.Runner.Report;
using Igt.Runner.Results;
using Xunit.Abstractions;

namespace Igt.Runner.Tests.Report;

/// <summary>
/// 10,000 results stay one page of bounded size (no per-test pages, details only for non-pass). The render time is
/// printed, not asserted (performance claims belong to bench/).
/// </summary>
public sealed class LargeReportTests(ITestOutputHelper output)
{
    private static List<TestResult> Tests(int seed)
    {
        var rng = new Random(seed);
        string[] binaries = ["panfrost_submit", "etnaviv_bo", "gem_exec_basic", "i915_query", "core_getversion"];
        // Seed 1234 fails every tenth test from 0; other seeds shift which ones, so history strips vary.
        return Enumerable.Range(0, 10_000).Select(i =>
        {
            var failing = (i + seed) % 10 == 4;
            return new TestResult
            {
                Name = $"igt@{binaries[i % binaries.Length]}@subtest-{i}",
                Status = failing ? TestStatus.Fail : i % 7 == 0 ? TestStatus.Skip : TestStatus.Pass,
                Duration = rng.NextDouble() * 3,
                Out = failing ? string.Join('\n', Enumerable.Range(0, 40).Select(l => $"line {l} of test {i} <&>")) : "",
                Err = failing ? "assertion failed: </script>" : "",
                Dmesg = failing ? "<4> [0.1] WARNING: x\n<6> [0.2] info\n" : "",
                DmesgWarnings = failing ? "<4> [0.1] WARNING: x\n" : "",
            };
        }).ToList();
    }

    [Fact]
    public void Ten_thousand_results_render_as_one_bounded_page()
    {
        var tests = Tests(1234);
        var run = new RunResults { Name = "big", Tests = tests };

        var clock = Stopwatch.StartNew();
        var html = HtmlReport.Render(run);
        clock.Stop();

        output.WriteLine($"10,000 results: {html.Length / 1024} KiB in {clock.ElapsedMilliseconds} ms");
        html.Split("<details class=\"fail\">").Length.Should().Be(1 + tests.Count(t => t.Status != TestStatus.Pass));
        html.Length.Should().BeLessThan(16 * 1024 * 1024, "10,000 results must stay one page of modest size");
    }

    /// <summary>The same 10,000 results with 29 earlier runs of them in the history database: every row gets its strip.</summary>
    [Fact]
    public void Ten_thousand_results_with_thirty_runs_of_history_stay_one_page()
    {
        using var tmp = new Support.TempDir();
        var fill = Stopwatch.StartNew();
        using (var db = new Igt.Runner.History.HistoryDb(tmp.Combine("h.db")))
        {
            for (var r = 1; r < 30; r++)
                db.Record(new RunResults { Name = $"run-{r}", StartTime = r, Tests = Tests(r) }, tmp.Combine($"run-{r}"));
        }
        fill.Stop();
        var run = new RunResults { Name = "big", StartTime = 100, Tests = Tests(1234) };

        var clock = Stopwatch.StartNew();
        HistoryStrips strips;
        using (var db = new Igt.Runner.History.HistoryDb(tmp.Combine("h.db")))
            strips = HistoryStrips.From(db, run, tmp.Combine("big"));
        var query = clock.ElapsedMilliseconds;
        var html = HtmlReport.Render(run, new ReportInputs { History = strips });
        clock.Stop();

        // Known-issue statistics re-apply every filter to every recorded run.
        var issues = Igt.Runner.KnownIssues.KnownIssueFile.Load(tmp.Write("issues.json", """
            {"issues": [{"id": "a", "url": "https://x/a", "test": "^igt@panfrost_", "statuses": ["fail"], "err": "assertion"},
                        {"id": "b", "url": "https://x/b", "drivers": ["i915"], "out": "line 3 of test"},
                        {"id": "c", "url": "https://x/c", "gpus": ["g52"], "dmesg": "WARNING"}]}
            """));
        var issueClock = Stopwatch.StartNew();
        IReadOnlyDictionary<string, Igt.Runner.KnownIssues.IssueHistoryStats> stats;
        using (var db = new Igt.Runner.History.HistoryDb(tmp.Combine("h.db")))
            stats = Igt.Runner.KnownIssues.IssueHistory.Of(issues, Igt.Runner.KnownIssues.IssueHistory.WithHistory(db, run, tmp.Combine("big")));
        issueClock.Stop();

        output.WriteLine($"10,000 results x 30 runs: recording 29 runs {fill.ElapsedMilliseconds} ms; strips {query} ms; " +
                         $"strips + render {clock.ElapsedMilliseconds} ms; {html.Length / 1024} KiB; " +
                         $"3 known issues over 30 runs {issueClock.ElapsedMilliseconds} ms");
        stats["a"].RunsHit.Should().Be(7, "panfrost tests (every fifth) fail only in runs whose seed ends in 4 or 9: 6 of the 29 and this one");
        stats["b"].RunsCovered.Should().Be(30);
        strips.Runs.Should().HaveCount(30);
        strips.Codes.Values.Should().OnlyContain(c => c.Length == 30);
        html.Split(" data-h=\"").Length.Should().Be(1 + 10_000);
        html.Length.Should().BeLessThan(16 * 1024 * 1024);
    }
}
