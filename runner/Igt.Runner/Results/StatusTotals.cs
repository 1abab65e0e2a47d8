namespace Igt.Runner.Results;

/// <summary>How many tests ended in each status.</summary>
public sealed class StatusTotals
{
    private readonly Dictionary<TestStatus, int> _counts = TestStatusExtensions.TotalsOrder.ToDictionary(s => s, _ => 0);

    public int this[TestStatus status] => _counts[status];

    public int Total => _counts.Values.Sum();

    public void Add(TestStatus status) => _counts[status]++;

    public static StatusTotals Of(IEnumerable<TestResult> tests)
    {
        var t = new StatusTotals();
        foreach (var r in tests)
            t.Add(r.Status);
        return t;
    }

    /// <summary>"pass 12, fail 1, skip 3": the non-zero counts in totals order.</summary>
    public override string ToString() =>
        string.Join(", ", TestStatusExtensions.TotalsOrder.Where(s => _counts[s] > 0).Select(s => $"{s.ToIgt()} {_counts[s]}"));
}
