using System.Text.RegularExpressions;
using Igt.Runner.Report;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Report;

/// <summary>The HTML report rendered from fixed results folders: escaped, self-contained, details only where needed.</summary>
public sealed class HtmlReportTests
{
    private static (string Html, RunResults Run) Render(TempDir tmp, bool withBaseline = false)
    {
        var run = ResultsBuilder.Build(ReportFolders.Run(tmp.Combine("run")).Layout);
        var cmp = withBaseline ? RunComparison.Compare(ResultsBuilder.Build(ReportFolders.Baseline(tmp.Combine("base")).Layout), run) : null;
        var inputs = new ReportInputs { Comparison = cmp, Rerun = ReportCommand.RerunFor(new ResultsLayout(tmp.Combine("run"))) };
        return (HtmlReport.Render(run, inputs), run);
    }

    [Fact]
    public void Hostile_strings_from_tests_and_dmesg_render_as_text()
    {
        using var tmp = new TempDir();
        var (html, _) = Render(tmp);

        html.Should().NotContain("<img").And.NotContain("<iframe").And.NotContain("<b>bold").And.NotContain("<script>alert");
        html.Should().Contain("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
        html.Should().Contain("&quot;quoted&#39; &amp; &lt;b&gt;bold&lt;/b&gt;");
        Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Should().HaveCount(1, "the report's own script is the only one");
    }

    [Fact]
    public void The_report_is_self_contained()
    {
        using var tmp = new TempDir();
        var (html, _) = Render(tmp, withBaseline: true);

        Regex.IsMatch(html, @"\s(src|href|xlink:href)\s*=\s*[""'](?!#)", RegexOptions.IgnoreCase).Should().BeFalse("only in-page anchors may be referenced");
        html.Should().NotContain("<link").And.NotContain("@import").And.NotContain("url(");
        html.Should().Contain("<svg").And.Contain("<style>");
    }

    [Fact]
    public void Only_tests_that_did_not_pass_carry_details()
    {
        using var tmp = new TempDir();
        var (html, run) = Render(tmp);

        var details = Regex.Matches(html, "<details class=\"fail\"><summary class=\"name\">([^<]*)</summary>").Select(m => m.Groups[1].Value);
        details.Should().BeEquivalentTo(run.Tests.Where(t => t.Status != TestStatus.Pass).Select(t => t.Name));
        details.Should().Contain("igt@panfrost_submit@hostile").And.NotContain("igt@panfrost_submit@pan-submit");
        Regex.Matches(html, "<tr id=\"t-").Should().HaveCount(run.Tests.Count);
    }

    [Fact]
    public void A_failure_shows_its_seed_replay_command_fault_log_and_highlighted_dmesg()
    {
        using var tmp = new TempDir();
        var (html, _) = Render(tmp);

        var hostile = Regex.Match(html, "<summary class=\"name\">igt@panfrost_submit@hostile</summary>(.*?)</details>", RegexOptions.Singleline).Groups[1].Value;
        hostile.Should().Contain("IGT_SEED=<code>0x2a</code>");
        hostile.Should().Contain("--test igt@panfrost_submit@hostile --seed 0x2a");
        hostile.Should().Contain("<h4>fault log</h4><pre>panfrost: GPU fault at 0x1000 &lt;iframe&gt;</pre>");
        hostile.Should().MatchRegex("<mark>[^<]*WARNING: &lt;script&gt;alert\\(2\\)&lt;/script&gt; at panfrost_job.c:42</mark>");
        hostile.Should().NotMatchRegex("<mark>[^<]*starting subtest", "only warning lines are highlighted");
    }

    [Fact]
    public void Run_info_totals_and_driver_chart_come_from_the_run()
    {
        using var tmp = new TempDir();
        var (html, _) = Render(tmp);

        html.Should().Contain("<tr><th>seed</th><td>0x2a</td></tr>").And.Contain("<tr><th>duration</th><td>0:01:15</td></tr>");
        html.Should().Contain("Linux emulated 6.9.0-igt");
        html.Should().Contain("<span class=\"st pass\">pass 3</span>").And.Contain("<span class=\"st dmesg-fail\">dmesg-fail 1</span>");
        html.Should().Contain("<title>etnaviv: dmesg-warn 1</title>").And.Contain("<title>i915: skip 1</title>").And.Contain("<title>panfrost: dmesg-fail 1</title>");
    }

    [Fact]
    public void The_comparison_heads_the_report_when_a_baseline_is_given()
    {
        using var tmp = new TempDir();
        var (html, _) = Render(tmp, withBaseline: true);

        html.IndexOf("id=\"comparison\"", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("id=\"tests\"", StringComparison.Ordinal));
        html.Should().Contain("<span class=\"cat\">regressions 2</span>").And.Contain("<span class=\"cat\">fixes 1</span>");
        html.Should().MatchRegex("<summary>Regressions \\(2\\)</summary>.*igt@panfrost_submit@hostile");
    }
}
