using Igt.Runner.KnownIssues;
using Igt.Runner.Results;
using Igt.Runner.Settings;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.KnownIssues;

/// <summary>CI Bug Log's split: failures a filter explains are known issues (+N similar), the rest need a human.</summary>
public sealed class IssueTriageTests
{
    private const string Issues = """
        {"issues": [
          {"id": "panfrost#7", "url": "https://gitlab.freedesktop.org/panfrost/linux/-/issues/7", "title": "MMU fault on unmap",
           "test": "^igt@panfrost_", "statuses": ["fail", "dmesg-fail"], "dmesg": "GPU fault"},
          {"id": "etnaviv#1", "url": "javascript:alert(1)", "title": "<b>hostile</b>", "drivers": ["etnaviv"], "err": "timed out"}
        ]}
        """;

    private static TestResult T(string name, TestStatus s, string err = "", string dmesg = "") =>
        new() { Name = name, Status = s, Err = err, Dmesg = dmesg };

    private static (IssueTriage Triage, string Html) Triage()
    {
        using var tmp = new TempDir();
        var file = KnownIssueFile.Load(tmp.Write("issues.json", Issues));
        var run = new RunResults
        {
            Name = "r",
            Tests =
            [
                T("igt@panfrost_submit@a", TestStatus.Fail, dmesg: "panfrost: GPU fault at 0x1000"),
                T("igt@panfrost_submit@b", TestStatus.DmesgFail, dmesg: "GPU fault in job"),
                T("igt@panfrost_submit@c", TestStatus.Fail, dmesg: "something else"),
                T("igt@panfrost_submit@d", TestStatus.Pass, dmesg: "GPU fault"),
                T("igt@etnaviv_bo@e", TestStatus.Timeout, err: "wait timed out"),
                T("igt@gem_exec@f", TestStatus.Crash, err: "timed out"),
            ],
        };
        var triage = IssueTriage.Of(run, file);
        return (triage, IssueSection.Html(triage));
    }

    [Fact]
    public void Failures_split_into_known_and_possible_new_issues()
    {
        var (triage, _) = Triage();

        triage.Known.Select(k => (k.Issue.Id, k.Hits.Count)).Should().Equal(("panfrost#7", 2), ("etnaviv#1", 1));
        triage.PossibleNew.Select(t => t.Name).Should().Equal("igt@panfrost_submit@c", "igt@gem_exec@f");
        triage.Known[0].HitRate.Should().Be(0.5, "2 of the 4 panfrost tests that ran hit it");
    }

    [Fact]
    public void The_report_section_links_bugs_folds_similar_hits_and_escapes()
    {
        var (_, html) = Triage();

        html.Should().Contain("<a href=\"https://gitlab.freedesktop.org/panfrost/linux/-/issues/7\">panfrost#7</a>");
        html.Should().Contain("igt@panfrost_submit@a</a> +1 similar");
        html.Should().NotContain("javascript:").And.NotContain("<b>hostile").And.Contain("&lt;b&gt;hostile");
        html.IndexOf("Possible new issues (2)", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("Known issues", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_status_or_regex_is_rejected()
    {
        using var tmp = new TempDir();
        var bad = tmp.Write("bad.json", """{"issues":[{"id":"x","url":"https://x","statuses":["broken"]}]}""");
        var act = () => KnownIssueFile.Load(bad);
        act.Should().Throw<UsageException>().WithMessage("*'broken' is not an IGT status");
    }
}
