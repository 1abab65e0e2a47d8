using System.Text;
using Igt.Runner.Report;

namespace Igt.Runner.Expectations;

/// <summary>The report's expectations section: outcome counts and every outcome that would fail a drm-ci job.</summary>
public static class ExpectationsSection
{
    public static string Html(IReadOnlyList<RunnerOutcome> outcomes, string dir)
    {
        var sb = new StringBuilder("<section id=\"expectations\"><h2>Expectations</h2><p>");
        sb.Append(Report.Html.E(dir)).Append(": ").Append(Report.Html.E(ExpectationJudge.Summary(outcomes))).Append("</p>");
        var bad = outcomes.Where(o => !o.IsSuccess).ToList();
        if (bad.Count > 0)
        {
            sb.Append("<details open><summary>Unexpected (").Append(bad.Count).Append(")</summary><table>");
            foreach (var o in bad)
                sb.Append("<tr><td>").Append(Report.Html.E(o.Word)).Append("</td><td><a href=\"#t-").Append(Report.Html.E(o.Test)).Append("\">")
                  .Append(Report.Html.E(o.Test)).Append("</a></td></tr>");
            sb.Append("</table></details>");
        }
        return sb.Append("</section>").ToString();
    }

    public static void Print(TextWriter w, IReadOnlyList<RunnerOutcome> outcomes, int max = 30)
    {
        w.WriteLine($"Expectations: {ExpectationJudge.Summary(outcomes)}");
        var bad = outcomes.Where(o => !o.IsSuccess).ToList();
        foreach (var o in bad.Take(max))
            w.WriteLine($"  {o.Word,-28} {o.Test}");
        if (bad.Count > max)
            w.WriteLine($"  ... and {bad.Count - max} more");
    }
}
