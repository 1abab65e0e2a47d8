using Igt.Runner.History;
using Igt.Runner.Results;

namespace Igt.Runner.Report;

/// <summary>
/// The per-test history the report embeds: the last runs (oldest first) and, per test, one status letter per run
/// (<see cref="StatusCodes"/>). The page turns a row's letters into a strip when its "history" link is clicked, so
/// 10,000 tests cost one short attribute each, and nothing is fetched.
/// </summary>
public sealed class HistoryStrips
{
    public const int DefaultRuns = 30;

    public required IReadOnlyList<(string Name, double Started)> Runs { get; init; }

    public required IReadOnlyDictionary<string, string> Codes { get; init; }

    /// <summary>
    /// The last <paramref name="maxRuns"/> runs of the database, with <paramref name="current"/> as the last column
    /// (its recorded copy if it was recorded, else its own results; runs recorded after it are left out).
    /// </summary>
    public static HistoryStrips From(HistoryDb db, RunResults current, string currentDir, int maxRuns = DefaultRuns)
    {
        var dir = Path.GetFullPath(currentDir);
        var keep = db.Runs().Where(r => r.Dir != dir && (current.StartTime == 0 || r.Started <= current.StartTime)).TakeLast(maxRuns - 1).ToList();
        var past = db.Strips(keep);
        var runs = keep.Select(r => (r.Name, r.Started)).Append((current.Name + " (this run)", current.StartTime)).ToList();
        var none = new string(StatusCodes.Absent, keep.Count);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in current.Tests)
            codes[t.Name] = (past.TryGetValue(t.Name, out var row) ? new string(row) : none) + StatusCodes.Of(t.Status);
        return new HistoryStrips { Runs = runs, Codes = codes };
    }
}
