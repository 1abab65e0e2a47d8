using Igt.Runner.Results;

namespace Igt.Runner.KnownIssues;

/// <summary>One known issue's hits in a run: the failures it explains and how many tests in its scope ran.</summary>
public sealed record IssueHits(KnownIssue Issue, IReadOnlyList<TestResult> Hits, int Covered)
{
    /// <summary>Hits over the tests the issue's name/driver scope covers that ran in this run.</summary>
    public double HitRate => Covered == 0 ? 0 : (double)Hits.Count / Covered;
}

/// <summary>
/// CI Bug Log's split of a run's failures: "known issues" (a filter matches; listed per issue with "+N similar") and
/// "possible new issues" (no filter matches) that need a human.
/// </summary>
public sealed class IssueTriage
{
    public required IReadOnlyList<IssueHits> Known { get; init; }

    public required IReadOnlyList<TestResult> PossibleNew { get; init; }

    /// <summary>Every issue of the file with its hits in this run (none for most), for the history statistics.</summary>
    public IReadOnlyList<IssueHits> All { get; init; } = [];

    /// <summary>The split of <paramref name="run"/>; the GPU is <paramref name="gpu"/> or else the run's own (metadata "gpu").</summary>
    public static IssueTriage Of(RunResults run, KnownIssueFile file, string? gpu = null)
    {
        gpu ??= run.Metadata.GetValueOrDefault("gpu");
        var failures = run.Problems.Where(t => t.Status != TestStatus.NotRun).ToList();
        var ran = run.Tests.Where(t => t.Status != TestStatus.NotRun).ToList();
        var known = file.Issues.Select(i => new IssueHits(i, failures.Where(t => i.Matches(t, gpu)).ToList(), ran.Count(t => i.Covers(t, gpu)))).ToList();
        var explained = known.SelectMany(k => k.Hits).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return new IssueTriage
        {
            Known = known.Where(k => k.Hits.Count > 0).ToList(),
            PossibleNew = failures.Where(t => !explained.Contains(t.Name)).ToList(),
            All = known,
        };
    }
}
