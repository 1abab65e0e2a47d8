using System.Globalization;
using System.Text;
using Igt.Runner.Results;

namespace Igt.Runner.Report;

/// <summary>
/// The HTML report: one self-contained file (inline CSS, JS and SVG, no external reference) that opens offline.
/// Run info, totals, the baseline comparison, charts, and one table row per test; only tests that did not pass carry
/// details (out, err, dmesg with warnings highlighted, seed, replay command), folded in a &lt;details&gt; element,
/// so 10,000 results stay one page of modest size. Every string from the results goes through <see cref="Html.E"/>.
/// </summary>
public static class HtmlReport
{
    private const int DmesgTail = 80;
    private const int TextTail = 200;
    private const int SlowestCount = 15;

    public static string Render(RunResults run, ReportInputs? inputs = null)
    {
        inputs ??= new ReportInputs();
        var sb = new StringBuilder(64 * 1024 + run.Tests.Count * 256);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
          .Append("<title>igt-runner report: ").Append(Html.E(run.Name)).Append("</title><style>").Append(ReportAssets.Css).Append("</style></head><body>\n");
        sb.Append("<h1>").Append(Html.E(run.Name)).Append("</h1>\n");
        RunInfo(sb, run);
        Totals(sb, run);
        if (inputs.Comparison is { } cmp)
            Comparison(sb, cmp);
        foreach (var extra in inputs.ExtraSections)
            sb.Append(extra).Append('\n');
        Charts(sb, run, inputs);
        Table(sb, run, inputs);
        if (inputs.History is { } h)
            HistoryData(sb, h);
        sb.Append("<script>").Append(ReportAssets.Script).Append("</script>\n</body></html>\n");
        return sb.ToString();
    }

    private static void RunInfo(StringBuilder sb, RunResults run)
    {
        var md = run.Metadata;
        sb.Append("<section id=\"info\"><h2>Run</h2><table class=\"kv\">");
        Row(sb, "seed", md.GetValueOrDefault("seed", "?"));
        Row(sb, "profile", md.GetValueOrDefault("profile", "?"));
        var wall = run.EndTime > run.StartTime ? TimeSpan.FromSeconds(run.EndTime - run.StartTime).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "?";
        Row(sb, "duration", wall);
        if (run.StartTime > 0)
            Row(sb, "started", DateTimeOffset.FromUnixTimeMilliseconds((long)(run.StartTime * 1000)).ToString("u", CultureInfo.InvariantCulture));
        Row(sb, "machine", run.Uname.Length > 0 ? run.Uname : "?");
        foreach (var (k, v) in md.Where(kv => kv.Key is not ("seed" or "profile" or "name") && kv.Value.Length > 0))
            Row(sb, k, v);
        if (run.Cmdline.Count > 0)
            Row(sb, "command", string.Join(' ', run.Cmdline));
        if (run.AbortReason is { } abort)
            Row(sb, "aborted", abort.Trim());
        sb.Append("</table></section>\n");
    }

    private static void Row(StringBuilder sb, string k, string v) =>
        sb.Append("<tr><th>").Append(Html.E(k)).Append("</th><td>").Append(Html.E(v)).Append("</td></tr>");

    private static void Totals(StringBuilder sb, RunResults run)
    {
        var totals = run.Totals;
        sb.Append("<section id=\"totals\"><h2>Totals</h2><p>");
        foreach (var s in TestStatusExtensions.TotalsOrder.Where(s => totals[s] > 0))
            sb.Append("<span class=\"st ").Append(s.ToIgt()).Append("\">").Append(s.ToIgt()).Append(' ').Append(totals[s]).Append("</span> ");
        sb.Append(CultureInfo.InvariantCulture, $"<b>total {totals.Total}</b></p></section>\n");
    }

    private static void Comparison(StringBuilder sb, RunComparison cmp)
    {
        sb.Append("<section id=\"comparison\"><h2>Compared with ").Append(Html.E(cmp.BaselineName)).Append("</h2><p>");
        foreach (var c in Enum.GetValues<ComparisonCategory>())
            sb.Append("<span class=\"cat\">").Append(c.ToString().ToLowerInvariant()).Append(' ').Append(cmp[c].Count).Append("</span> ");
        sb.Append("</p>");
        foreach (var c in Enum.GetValues<ComparisonCategory>().Where(c => cmp[c].Count > 0))
        {
            sb.Append("<details").Append(c is ComparisonCategory.Regressions ? " open" : "").Append(" class=\"cmp\"><summary>")
              .Append(c.ToString()).Append(" (").Append(cmp[c].Count).Append(")</summary><table>");
            foreach (var s in cmp[c])
            {
                sb.Append("<tr><td>").Append(Status(s.Old)).Append("</td><td>→</td><td>").Append(Status(s.New))
                  .Append("</td><td><a href=\"#t-").Append(Html.E(s.Name)).Append("\">").Append(Html.E(s.Name)).Append("</a></td></tr>");
            }
            sb.Append("</table></details>");
        }
        sb.Append("</section>\n");
    }

    private static string Status(TestStatus? s) =>
        s is { } v ? $"<span class=\"st {v.ToIgt()}\">{v.ToIgt()}</span>" : "<span class=\"st absent\">absent</span>";

    private static void Charts(StringBuilder sb, RunResults run, ReportInputs inputs)
    {
        var drivers = run.Tests.GroupBy(t => DriverOf.Test(t.Name)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, StatusTotals.Of(g))).ToList();
        sb.Append("<section id=\"charts\"><h2>Charts</h2><div class=\"charts\"><figure><figcaption>Status per driver</figcaption>")
          .Append(SvgCharts.StatusPerDriver(drivers)).Append("</figure><figure><figcaption>Slowest tests</figcaption>")
          .Append(SvgCharts.Slowest(run.Tests.OrderByDescending(t => t.Duration).Take(SlowestCount).ToList())).Append("</figure>");
        if (inputs.PassRateHistory.Count > 0)
            sb.Append("<figure><figcaption>Pass rate over the run history</figcaption>").Append(SvgCharts.PassRate(inputs.PassRateHistory)).Append("</figure>");
        sb.Append("</div><p class=\"legend\">");
        foreach (var s in TestStatusExtensions.TotalsOrder)
            sb.Append("<span class=\"sw\" style=\"background:").Append(SvgCharts.Colours[s]).Append("\"></span>").Append(s.ToIgt()).Append(' ');
        sb.Append("</p></section>\n");
    }

    private static void Table(StringBuilder sb, RunResults run, ReportInputs inputs)
    {
        var drivers = run.Tests.Select(t => DriverOf.Test(t.Name)).Distinct().Order(StringComparer.Ordinal);
        sb.Append("<section id=\"tests\"><h2>Tests</h2><div class=\"filters\">")
          .Append("<input id=\"f-name\" type=\"search\" placeholder=\"filter by name (substring)\">")
          .Append("<select id=\"f-status\"><option value=\"\">any status</option><option value=\"!pass\">not pass</option>");
        foreach (var s in TestStatusExtensions.TotalsOrder)
            sb.Append("<option value=\"").Append(s.ToIgt()).Append("\">").Append(s.ToIgt()).Append("</option>");
        sb.Append("</select><select id=\"f-driver\"><option value=\"\">any driver</option>");
        foreach (var d in drivers)
            sb.Append("<option value=\"").Append(Html.E(d)).Append("\">").Append(Html.E(d)).Append("</option>");
        sb.Append("</select> <span id=\"f-count\"></span></div>\n<table id=\"results\"><thead><tr><th>status</th><th>time</th><th>driver</th><th>test</th></tr></thead><tbody>\n");
        foreach (var t in run.Tests)
        {
            var st = t.Status.ToIgt();
            var driver = DriverOf.Test(t.Name);
            sb.Append("<tr id=\"t-").Append(Html.E(t.Name)).Append("\" data-s=\"").Append(st).Append("\" data-d=\"").Append(Html.E(driver));
            var codes = inputs.History?.Codes.GetValueOrDefault(t.Name);
            if (codes is not null)
                sb.Append("\" data-h=\"").Append(Html.E(codes));
            sb.Append("\"><td><span class=\"st ").Append(st).Append("\">").Append(st).Append("</span></td><td class=\"num\">")
              .Append(t.Duration.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td><td>").Append(Html.E(driver)).Append("</td><td>");
            if (t.Status == TestStatus.Pass)
                sb.Append("<span class=\"name\">").Append(Html.E(t.Name)).Append("</span>");
            else
                Details(sb, t, inputs);
            if (codes is not null)
                sb.Append(" <a class=\"hist\" href=\"#t-").Append(Html.E(t.Name)).Append("\">history</a>");
            else if (inputs.HistoryLink(t.Name) is { } link)
                sb.Append(" <a class=\"hist\" href=\"").Append(Html.E(link)).Append("\">history</a>");
            sb.Append("</td></tr>\n");
        }
        sb.Append("</tbody></table></section>\n");
    }

    /// <summary>The runs behind the strips and the status letters, as data attributes (HTML-escaped JSON) the script reads.</summary>
    private static void HistoryData(StringBuilder sb, HistoryStrips h)
    {
        var runs = System.Text.Json.JsonSerializer.Serialize(h.Runs.Select(r => new[] { r.Name, History.HistoryDb.Started(r.Started) }));
        var legend = System.Text.Json.JsonSerializer.Serialize(History.StatusCodes.Legend.ToDictionary(l => l.Code.ToString(), l => l.Word));
        sb.Append("<div id=\"hist-data\" hidden data-runs=\"").Append(Html.E(runs)).Append("\" data-legend=\"").Append(Html.E(legend)).Append("\"></div>\n");
    }

    private static void Details(StringBuilder sb, TestResult t, ReportInputs inputs)
    {
        sb.Append("<details class=\"fail\"><summary class=\"name\">").Append(Html.E(t.Name)).Append("</summary><div class=\"body\">");
        if (t.IterationStatuses.Count > 1)
            sb.Append("<p>iterations: ").Append(Html.E(string.Join(' ', t.IterationStatuses.Select(s => s.ToIgt())))).Append("</p>");
        if (t.Seed is { } seed)
            sb.Append("<p>machine seed: IGT_SEED=<code>").Append(Settings.Seed.Format(seed)).Append("</code> (iteration ").Append(t.Iteration).Append(")</p>");
        if (inputs.Rerun(t) is { } cmd)
            sb.Append("<p>replay:</p><pre class=\"cmd\">").Append(Html.E(cmd)).Append("</pre>");
        Block(sb, "err", Tail(t.Err, TextTail));
        Block(sb, "out", Tail(t.Out, TextTail));
        var faults = string.Join('\n', t.Out.Split('\n').Where(l => l.Contains("fault", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("runner:", StringComparison.Ordinal)));
        Block(sb, "fault log", faults);
        if (t.Dmesg.Length > 0)
        {
            var warnings = new HashSet<string>(t.DmesgWarnings.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
            sb.Append("<h4>dmesg</h4><pre class=\"dmesg\">");
            foreach (var line in Tail(t.Dmesg, DmesgTail).Split('\n'))
            {
                if (warnings.Contains(line))
                    sb.Append("<mark>").Append(Html.E(line)).Append("</mark>\n");
                else
                    sb.Append(Html.E(line)).Append('\n');
            }
            sb.Append("</pre>");
        }
        sb.Append("</div></details>");
    }

    private static void Block(StringBuilder sb, string title, string text)
    {
        if (text.Trim().Length == 0)
            return;
        sb.Append("<h4>").Append(title).Append("</h4><pre>").Append(Html.E(text)).Append("</pre>");
    }

    /// <summary>The last <paramref name="lines"/> lines: the end of a log is where a failure shows.</summary>
    private static string Tail(string text, int lines)
    {
        var all = text.TrimEnd('\n').Split('\n');
        return all.Length <= lines ? string.Join('\n', all) : $"[... {all.Length - lines} earlier lines ...]\n" + string.Join('\n', all[^lines..]);
    }
}
