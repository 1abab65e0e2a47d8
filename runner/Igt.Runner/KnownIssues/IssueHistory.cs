using Igt.Runner.History;
using Igt.Runner.Results;

namespace Igt.Runner.KnownIssues;

/// <summary>
/// One known issue across the run history (CI Bug Log's "first seen / last seen / hit rate"): the first and last run
/// it explained a failure in, and how often it hits: in how many of the runs that ran a test in its scope, and in how
/// many of those results.
/// </summary>
public sealed record IssueHistoryStats(KnownIssue Issue, string? FirstSeen, double FirstSeenAt, string? LastSeen, double LastSeenAt,
    int RunsHit, int RunsCovered, int ResultsHit, int ResultsCovered)
{
    public double RunHitRate => RunsCovered == 0 ? 0 : (double)RunsHit / RunsCovered;

    public double ResultHitRate => ResultsCovered == 0 ? 0 : (double)ResultsHit / ResultsCovered;

    /// <summary>"first seen r1 (2026-11-01), last seen r9 (...), hit in 3 of 10 runs (30%), 4 of 120 results".</summary>
    public string Describe() => FirstSeen is null
        ? $"never seen in {RunsCovered} runs"
        : $"first seen {FirstSeen} ({HistoryDb.Started(FirstSeenAt)}), last seen {LastSeen} ({HistoryDb.Started(LastSeenAt)}), " +
          $"hit in {RunsHit} of {RunsCovered} runs ({RunHitRate:P0}), {ResultsHit} of {ResultsCovered} results";
}

public static class IssueHistory
{
    /// <summary>The statistics of every issue over <paramref name="runs"/> (oldest first; each with its own GPU).</summary>
    public static IReadOnlyDictionary<string, IssueHistoryStats> Of(KnownIssueFile file, IEnumerable<RunResults> runs)
    {
        var acc = file.Issues.ToDictionary(i => i.Id, i => new IssueHistoryStats(i, null, 0, null, 0, 0, 0, 0, 0), StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var hits in IssueTriage.Of(run, file).All)
            {
                if (hits.Covered == 0)
                    continue;
                var s = acc[hits.Issue.Id];
                var hit = hits.Hits.Count > 0;
                acc[hits.Issue.Id] = s with
                {
                    FirstSeen = s.FirstSeen ?? (hit ? run.Name : null),
                    FirstSeenAt = s.FirstSeen is null && hit ? run.StartTime : s.FirstSeenAt,
                    LastSeen = hit ? run.Name : s.LastSeen,
                    LastSeenAt = hit ? run.StartTime : s.LastSeenAt,
                    RunsHit = s.RunsHit + (hit ? 1 : 0),
                    RunsCovered = s.RunsCovered + 1,
                    ResultsHit = s.ResultsHit + hits.Hits.Count,
                    ResultsCovered = s.ResultsCovered + hits.Covered,
                };
            }
        }
        return acc;
    }

    /// <summary>
    /// The recorded runs of <paramref name="db"/> plus <paramref name="current"/> (replacing its own recorded copy, so
    /// a run already recorded counts once), oldest first.
    /// </summary>
    public static IEnumerable<RunResults> WithHistory(HistoryDb db, RunResults current, string currentDir)
    {
        var dir = Path.GetFullPath(currentDir);
        foreach (var r in db.Runs().Where(r => r.Dir != dir && (current.StartTime == 0 || r.Started <= current.StartTime)))
            yield return db.Load(r);
        yield return current;
    }
}
