using Igt.Runner.History;
using Igt.Runner.KnownIssues;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.KnownIssues;

/// <summary>First seen / last seen / hit rate of each issue over the history database, and GPU criteria.</summary>
public sealed class IssueHistoryTests
{
    private const string Issues = """
        {"issues": [
          {"id": "panfrost#7", "url": "https://gitlab.freedesktop.org/panfrost/linux/-/issues/7", "title": "MMU fault",
           "test": "^igt@panfrost_", "statuses": ["fail"], "dmesg": "GPU fault"},
          {"id": "g52#1", "url": "https://example.org/1", "title": "only on G52", "gpus": ["panfrost-g52"], "err": "timed out"}
        ]}
        """;

    private static RunResults Run(string name, double started, string gpu, params TestResult[] tests) => new()
    {
        Name = name,
        StartTime = started,
        Tests = tests,
        Metadata = new Dictionary<string, string> { ["gpu"] = gpu },
    };

    private static TestResult T(string name, TestStatus s, string dmesg = "", string err = "") => new() { Name = name, Status = s, Dmesg = dmesg, Err = err };

    [Fact]
    public void Each_issue_gets_its_first_and_last_run_and_its_hit_rate_across_the_history()
    {
        using var tmp = new TempDir();
        var file = KnownIssueFile.Load(tmp.Write("issues.json", Issues));
        using (var db = new HistoryDb(tmp.Combine("h.db")))
        {
            db.Record(Run("r1", 100, "g52", T("igt@panfrost_a@x", TestStatus.Pass), T("igt@panfrost_a@y", TestStatus.Pass)), tmp.Combine("r1"));
            db.Record(Run("r2", 200, "g52", T("igt@panfrost_a@x", TestStatus.Fail, dmesg: "panfrost: GPU fault at 0x10"), T("igt@panfrost_a@y", TestStatus.Pass)), tmp.Combine("r2"));
            db.Record(Run("r3", 300, "g31", T("igt@panfrost_a@x", TestStatus.Timeout, err: "wait timed out"), T("igt@panfrost_a@y", TestStatus.Pass)), tmp.Combine("r3"));
        }
        var current = Run("r4", 400, "g52", T("igt@panfrost_a@x", TestStatus.Fail, dmesg: "GPU fault"), T("igt@panfrost_a@y", TestStatus.Timeout, err: "timed out"));

        using var h = new HistoryDb(tmp.Combine("h.db"));
        var stats = IssueHistory.Of(file, IssueHistory.WithHistory(h, current, tmp.Combine("r4")));

        var mmu = stats["panfrost#7"];
        (mmu.FirstSeen, mmu.LastSeen, mmu.RunsHit, mmu.RunsCovered, mmu.ResultsHit, mmu.ResultsCovered).Should().Be(("r2", "r4", 2, 4, 2, 8));
        mmu.Describe().Should().Contain("first seen r2 (1970-01-01 00:03:20Z), last seen r4").And.Contain("hit in 2 of 4 runs (50");
        var g52 = stats["g52#1"];
        (g52.FirstSeen, g52.RunsHit, g52.RunsCovered).Should().Be(("r4", 1, 3), "r3 ran on a g31, which the issue does not cover");
    }

    [Fact]
    public void A_gpu_criterion_needs_the_runs_gpu()
    {
        using var tmp = new TempDir();
        var file = KnownIssueFile.Load(tmp.Write("issues.json", Issues));
        var timeout = T("igt@panfrost_a@y", TestStatus.Timeout, err: "timed out");

        IssueTriage.Of(Run("a", 1, "g52", timeout), file).Known.Select(k => k.Issue.Id).Should().Equal("g52#1");
        IssueTriage.Of(Run("b", 1, "g31", timeout), file).Known.Should().BeEmpty();
        IssueTriage.Of(Run("c", 1, "", timeout), file).Known.Should().BeEmpty("a run without a GPU does not satisfy a GPU criterion");
        IssueTriage.Of(Run("d", 1, "", timeout), file, gpu: "g52").Known.Should().ContainSingle("--gpu names it");
    }

    [Fact]
    public void The_report_section_shows_the_history_of_each_issue()
    {
        using var tmp = new TempDir();
        var file = KnownIssueFile.Load(tmp.Write("issues.json", Issues));
        var runs = new[]
        {
            Run("old", 1, "g52", T("igt@panfrost_a@x", TestStatus.Fail, dmesg: "GPU fault")),
            Run("now", 2, "g52", T("igt@panfrost_a@x", TestStatus.Fail, dmesg: "GPU fault")),
        };
        var triage = IssueTriage.Of(runs[1], file);

        var html = IssueSection.Html(triage, IssueHistory.Of(file, runs));

        html.Should().Contain("<td class=\"ihist\">first seen old (1970-01-01 00:00:01Z), last seen now (1970-01-01 00:00:02Z), hit in 2 of 2 runs (100");
    }
}
