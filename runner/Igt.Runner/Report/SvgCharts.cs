using System.Globalization;
using System.Text;
using Igt.Runner.Results;

namespace Igt.Runner.Report;

/// <summary>The report's charts as inline SVG (no script, no external reference): bars people read at a glance.</summary>
public static class SvgCharts
{
    public static readonly IReadOnlyDictionary<TestStatus, string> Colours = new Dictionary<TestStatus, string>
    {
        [TestStatus.Pass] = "#3a3", [TestStatus.Skip] = "#aaa", [TestStatus.NotRun] = "#ddd", [TestStatus.Warn] = "#db3",
        [TestStatus.DmesgWarn] = "#e93", [TestStatus.Fail] = "#d33", [TestStatus.DmesgFail] = "#b22", [TestStatus.Timeout] = "#a3c",
        [TestStatus.Crash] = "#722", [TestStatus.Incomplete] = "#555", [TestStatus.Abort] = "#000",
    };

    private static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One stacked bar per driver, segments in totals order, scaled to the driver's own count.</summary>
    public static string StatusPerDriver(IReadOnlyList<(string Driver, StatusTotals Totals)> drivers)
    {
        const int barW = 420, rowH = 22, labelW = 110;
        var sb = new StringBuilder();
        var h = rowH * drivers.Count + 8;
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"status per driver\" width=\"{labelW + barW + 80}\" height=\"{h}\">");
        for (var i = 0; i < drivers.Count; i++)
        {
            var (driver, totals) = drivers[i];
            var y = i * rowH + 4;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14}\">{Html.E(driver)}</text>");
            double x = labelW;
            foreach (var s in TestStatusExtensions.TotalsOrder)
            {
                if (totals[s] == 0)
                    continue;
                var w = barW * (double)totals[s] / totals.Total;
                sb.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{N(x)}\" y=\"{y}\" width=\"{N(Math.Max(w, 1))}\" height=\"{rowH - 6}\" fill=\"{Colours[s]}\"><title>{Html.E(driver)}: {s.ToIgt()} {totals[s]}</title></rect>");
                x += w;
            }
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelW + barW + 6}\" y=\"{y + 14}\">{totals.Total}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars of the longest-running tests, longest first.</summary>
    public static string Slowest(IReadOnlyList<TestResult> tests)
    {
        const int barW = 300, rowH = 18, labelW = 380;
        var max = tests.Count == 0 ? 1 : Math.Max(tests.Max(t => t.Duration), 1e-9);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"slowest tests\" width=\"{labelW + barW + 70}\" height=\"{rowH * tests.Count + 6}\">");
        for (var i = 0; i < tests.Count; i++)
        {
            var t = tests[i];
            var y = i * rowH + 3;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 12}\">{Html.E(Shorten(t.Name, 60))}</text>");
            sb.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{labelW}\" y=\"{y}\" width=\"{N(Math.Max(barW * t.Duration / max, 1))}\" height=\"{rowH - 5}\" fill=\"{Colours[t.Status]}\"><title>{Html.E(t.Name)}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(labelW + barW * t.Duration / max + 4)}\" y=\"{y + 12}\">{t.Duration:0.00}s</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Pass rate (pass / results that are not skip or notrun, piglit's denominator) per run, oldest first.</summary>
    public static string PassRate(IReadOnlyList<(string Run, double Rate)> runs)
    {
        const int w = 600, h = 160, pad = 30;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"pass rate over runs\" width=\"{w + pad}\" height=\"{h + pad}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{pad}\" y1=\"{h}\" x2=\"{w + pad}\" y2=\"{h}\" stroke=\"#888\"/><text x=\"0\" y=\"12\">100%</text><text x=\"0\" y=\"{h}\">0%</text>");
        var step = runs.Count > 1 ? (double)w / (runs.Count - 1) : 0;
        var pts = runs.Select((r, i) => (X: pad + i * step, Y: h - r.Rate * (h - 10), r.Run, r.Rate)).ToList();
        sb.Append("<polyline fill=\"none\" stroke=\"#36c\" stroke-width=\"2\" points=\"")
          .Append(string.Join(' ', pts.Select(p => $"{N(p.X)},{N(p.Y)}"))).Append("\"/>");
        foreach (var p in pts)
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(p.X)}\" cy=\"{N(p.Y)}\" r=\"3\" fill=\"#36c\"><title>{Html.E(p.Run)}: {p.Rate:P1}</title></circle>");
        return sb.Append("</svg>").ToString();
    }

    private static string Shorten(string s, int max) => s.Length <= max ? s : "…" + s[^(max - 1)..];
}
