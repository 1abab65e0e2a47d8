using System.Globalization;
using System.Text;
using Igt.Runner.Report;
using Igt.Runner.Results;

namespace Igt.Runner.KnownIssues;

/// <summary>The report's and the console's form of an <see cref="IssueTriage"/>: possible new issues first.</summary>
public static class IssueSection
{
    public static string Html(IssueTriage triage, IReadOnlyDictionary<string, IssueHistoryStats>? history = null)
    {
        var sb = new StringBuilder("<section id=\"issues\"><h2>Possible new issues (").Append(triage.PossibleNew.Count).Append(")</h2><table>");
        foreach (var t in triage.PossibleNew)
            sb.Append("<tr><td><span class=\"st ").Append(t.Status.ToIgt()).Append("\">").Append(t.Status.ToIgt()).Append("</span></td><td><a href=\"#t-")
              .Append(Report.Html.E(t.Name)).Append("\">").Append(Report.Html.E(t.Name)).Append("</a></td></tr>");
        sb.Append("</table><h2>Known issues (").Append(triage.Known.Count).Append(")</h2><table>");
        foreach (var k in triage.Known)
        {
            // Only http(s) links become anchors: a javascript: URL in the issues file must not be clickable.
            var url = k.Issue.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || k.Issue.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                ? $"<a href=\"{Report.Html.E(k.Issue.Url)}\">{Report.Html.E(k.Issue.Id)}</a>"
                : Report.Html.E(k.Issue.Id);
            sb.Append("<tr><td>").Append(url).Append("</td><td>").Append(Report.Html.E(k.Issue.Title)).Append("</td><td><a href=\"#t-")
              .Append(Report.Html.E(k.Hits[0].Name)).Append("\">").Append(Report.Html.E(k.Hits[0].Name)).Append("</a>")
              .Append(k.Hits.Count > 1 ? $" +{k.Hits.Count - 1} similar" : "").Append("</td><td>hit rate ")
              .Append(k.HitRate.ToString("P0", CultureInfo.InvariantCulture)).Append("</td>");
            if (history?.GetValueOrDefault(k.Issue.Id) is { } h)
                sb.Append("<td class=\"ihist\">").Append(Report.Html.E(h.Describe())).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</table></section>").ToString();
    }

    public static void Print(TextWriter w, IssueTriage triage, IReadOnlyDictionary<string, IssueHistoryStats>? history = null)
    {
        w.WriteLine($"Possible new issues ({triage.PossibleNew.Count}):");
        foreach (var t in triage.PossibleNew.Take(30))
            w.WriteLine($"  {t.Status.ToIgt(),-10} {t.Name}");
        w.WriteLine($"Known issues ({triage.Known.Count}):");
        foreach (var k in triage.Known)
        {
            w.WriteLine($"  {k.Issue.Id} {k.Hits[0].Name}{(k.Hits.Count > 1 ? $" +{k.Hits.Count - 1} similar" : "")} (hit rate {k.HitRate:P0}) {k.Issue.Url}");
            if (history?.GetValueOrDefault(k.Issue.Id) is { } h)
                w.WriteLine($"    {h.Describe()}");
        }
    }
}
