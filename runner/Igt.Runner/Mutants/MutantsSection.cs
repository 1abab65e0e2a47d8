using System.Globalization;
using System.Text;
using E = Igt.Runner.Report.Html;

namespace Igt.Runner.Mutants;

/// <summary>
/// The known-bug matrix in the report (rows: tests that catch a bug; columns: bugs; cells: the status the test had
/// with that bug on) and as a table on the console (one line per bug). A bug no test catches is marked in both.
/// </summary>
public static class MutantsSection
{
    private const int ListedPerBug = 3;

    public static string Html(MutantsFile file)
    {
        var bugs = file.Bugs;
        var uncaught = file.Uncaught.ToList();
        var sb = new StringBuilder("<section id=\"mutants\"><h2>Known-bug matrix</h2><p>");
        sb.Append(CultureInfo.InvariantCulture, $"{bugs.Count} known bugs, {bugs.Count - uncaught.Count} caught, ")
          .Append(uncaught.Count > 0 ? $"<b class=\"uncaught\">{uncaught.Count} caught by no test</b>" : "0 uncaught")
          .Append(CultureInfo.InvariantCulture, $"; {file.CleanTests} tests, seed {E.E(file.Seed)}, {file.WallSeconds:0.0}s; tests matching ")
          .Append(E.E(string.Join(", ", file.Excluded))).Append(" left out (they switch bugs on themselves).");
        if (file.Interrupted)
            sb.Append(" <b class=\"uncaught\">Interrupted: not every bug ran.</b>");
        sb.Append("</p>");
        foreach (var b in uncaught)
            sb.Append("<p class=\"uncaught\">").Append(E.E(b.Bug)).Append(": ").Append(E.E(b.Error ?? $"caught by none of its {b.Tests} tests")).Append("</p>");

        var cells = bugs.SelectMany(b => b.CaughtBy.Select(c => (Test: c.Test, b.Bug, c.Status)))
            .ToDictionary(x => (x.Test, x.Bug), x => x.Status);
        var tests = cells.Keys.Select(k => k.Test).Distinct().Order(StringComparer.Ordinal).ToList();
        sb.Append("<div class=\"mx\"><table id=\"mutants-matrix\"><thead><tr><th>test \\ known bug</th>");
        foreach (var b in bugs)
            sb.Append("<th class=\"bug").Append(b.Caught ? "" : " uncaught").Append("\" title=\"").Append(E.E(b.Bug)).Append("\"><span>").Append(E.E(b.Bug)).Append("</span></th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var t in tests)
        {
            sb.Append("<tr><td><a href=\"#t-").Append(E.E(t)).Append("\">").Append(E.E(t)).Append("</a></td>");
            foreach (var b in bugs)
            {
                if (cells.TryGetValue((t, b.Bug), out var st))
                    sb.Append("<td class=\"hit\"><span class=\"st ").Append(E.E(st)).Append("\">").Append(E.E(st)).Append("</span></td>");
                else
                    sb.Append("<td></td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody><tfoot><tr><th>caught by</th>");
        foreach (var b in bugs)
            sb.Append(b.Caught ? "<td class=\"num\">" : "<td class=\"num uncaught\">").Append(b.Error is null ? b.CaughtBy.Count.ToString(CultureInfo.InvariantCulture) : "error").Append("</td>");
        sb.Append("</tr></tfoot></table></div>");
        if (file.CleanFailures.Count > 0)
        {
            sb.Append("<details><summary>Failing without any bug (").Append(file.CleanFailures.Count).Append("): they cannot catch one</summary><ul>");
            foreach (var c in file.CleanFailures)
                sb.Append("<li>").Append(E.E(c.Status)).Append(' ').Append(E.E(c.Test)).Append("</li>");
            sb.Append("</ul></details>");
        }
        return sb.Append("</section>").ToString();
    }

    public static void Print(TextWriter w, MutantsFile file)
    {
        var width = Math.Max(24, file.Bugs.Select(b => b.Bug.Length).DefaultIfEmpty(0).Max());
        w.WriteLine($"{"Known bug".PadRight(width)}  Tests  Caught by");
        foreach (var b in file.Bugs)
        {
            string what;
            if (b.Error is { } e)
                what = "ERROR " + e;
            else if (!b.Caught)
                what = "NOT CAUGHT";
            else
            {
                what = $"{b.CaughtBy.Count}: " + string.Join(", ", b.CaughtBy.Take(ListedPerBug).Select(c => $"{c.Test} ({c.Status})")) +
                       (b.CaughtBy.Count > ListedPerBug ? $" +{b.CaughtBy.Count - ListedPerBug} more" : "");
            }
            w.WriteLine($"{b.Bug.PadRight(width)}  {b.Tests,5}  {what}");
        }
        var uncaught = file.Uncaught.Count();
        w.WriteLine($"Known bugs: {file.Bugs.Count}, caught {file.Bugs.Count - uncaught}, uncaught {uncaught}" +
                    (file.CleanFailures.Count > 0 ? $"; {file.CleanFailures.Count} tests fail without any bug (they catch nothing)" : ""));
    }
}
