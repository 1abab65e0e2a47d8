using Igt.Runner.Results;

namespace Igt.Runner.Report;

/// <summary>One test whose status differs between the baseline and the run (null: absent from that run).</summary>
public sealed record StatusChange(string Name, TestStatus? Old, TestStatus? New);

/// <summary>
/// A run against a baseline in piglit's categories, with piglit's status order
/// (<see cref="TestStatusExtensions.Severity"/>). skip and notrun are "no result": they never regress or fix; a test
/// absent from a run counts as notrun there.
/// </summary>
public sealed class RunComparison
{
    private readonly Dictionary<ComparisonCategory, List<StatusChange>> _lists =
        Enum.GetValues<ComparisonCategory>().ToDictionary(c => c, _ => new List<StatusChange>());

    public string BaselineName { get; }

    private RunComparison(string baselineName) => BaselineName = baselineName;

    public IReadOnlyList<StatusChange> this[ComparisonCategory c] => _lists[c];

    public static RunComparison Compare(RunResults baseline, RunResults run)
    {
        var cmp = new RunComparison(baseline.Name);
        var old = baseline.Tests.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);
        var names = run.Tests.Select(t => t.Name).Concat(baseline.Tests.Select(t => t.Name)).Distinct(StringComparer.Ordinal);
        var now = run.Tests.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);
        foreach (var name in names)
        {
            TestStatus? o = old.TryGetValue(name, out var os) ? os : null;
            TestStatus? n = now.TryGetValue(name, out var ns) ? ns : null;
            var change = new StatusChange(name, o, n);
            var oRan = o is { } a && a != TestStatus.NotRun;
            var nRan = n is { } b && b != TestStatus.NotRun;
            if (n is { } problem && problem.Severity() > 0)
                cmp._lists[ComparisonCategory.Problems].Add(change);
            if (!oRan && nRan)
                cmp._lists[ComparisonCategory.Enabled].Add(change);
            if (oRan && !nRan)
                cmp._lists[ComparisonCategory.Disabled].Add(change);
            var os2 = o ?? TestStatus.NotRun;
            var ns2 = n ?? TestStatus.NotRun;
            if (os2 == ns2 || IsNoResult(os2) && IsNoResult(ns2))
                continue;
            cmp._lists[ComparisonCategory.Changes].Add(change);
            if (IsNoResult(os2) || IsNoResult(ns2))
                continue;
            if (ns2.Severity() > os2.Severity())
                cmp._lists[ComparisonCategory.Regressions].Add(change);
            else if (ns2.Severity() < os2.Severity())
                cmp._lists[ComparisonCategory.Fixes].Add(change);
        }
        return cmp;
    }

    private static bool IsNoResult(TestStatus s) => s is TestStatus.Skip or TestStatus.NotRun;

    public static string Word(TestStatus? s) => s?.ToIgt() ?? "absent";

    /// <summary>The console form: one count line, then each non-empty category's tests (at most <paramref name="max"/> each).</summary>
    public void Print(TextWriter w, int max = 20)
    {
        w.WriteLine($"Compared with {BaselineName}: " +
                    string.Join(", ", Enum.GetValues<ComparisonCategory>().Select(c => $"{c.ToString().ToLowerInvariant()} {this[c].Count}")));
        foreach (var c in Enum.GetValues<ComparisonCategory>().Where(c => c != ComparisonCategory.Problems && this[c].Count > 0))
        {
            w.WriteLine($"{c} ({this[c].Count}):");
            foreach (var s in this[c].Take(max))
                w.WriteLine($"  {Word(s.Old),-10} -> {Word(s.New),-10} {s.Name}");
            if (this[c].Count > max)
                w.WriteLine($"  ... and {this[c].Count - max} more");
        }
    }
}
