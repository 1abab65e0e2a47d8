using Igt.Runner.Results;

namespace Igt.Runner.History;

/// <summary>
/// One test across the recorded runs: the regression window (the last run it passed, and the first run after that
/// it failed in) and its flake rate: the share of runs whose result was mixed across iterations or flipped between
/// success and failure relative to the run before.
/// </summary>
public sealed record TestHistory(string Test, IReadOnlyList<HistoryEntry> Runs)
{
    private static bool Bad(TestStatus s) => !s.IsSuccess() && s != TestStatus.NotRun;

    public HistoryEntry? LastPass => Runs.LastOrDefault(r => r.Status == TestStatus.Pass);

    /// <summary>The first failing run after the last pass, or null when the test is not failing now.</summary>
    public HistoryEntry? FirstFailure
    {
        get
        {
            var start = LastPass is { } p ? Runs.ToList().LastIndexOf(p) + 1 : 0;
            return Runs.Skip(start).FirstOrDefault(r => Bad(r.Status));
        }
    }

    public double FlakeRate
    {
        get
        {
            if (Runs.Count == 0)
                return 0;
            var flaky = 0;
            for (var i = 0; i < Runs.Count; i++)
            {
                var mixed = Runs[i].Iterations.Select(Bad).Distinct().Count() > 1;
                var flipped = i > 0 && Bad(Runs[i].Status) != Bad(Runs[i - 1].Status);
                if (mixed || flipped)
                    flaky++;
            }
            return (double)flaky / Runs.Count;
        }
    }

    public void Print(TextWriter w)
    {
        w.WriteLine($"{Test}: {Runs.Count} recorded runs");
        foreach (var r in Runs)
            w.WriteLine($"  {HistoryDb.Started(r.Started),-20} {r.Status.ToIgt(),-10} {r.Run}{(r.Iterations.Count > 1 ? "  (" + string.Join(' ', r.Iterations.Select(s => s.ToIgt())) + ")" : "")}");
        w.WriteLine(FirstFailure is { } f
            ? $"Regression window: last pass {LastPass?.Run ?? "(never passed)"}, first failure {f.Run}"
            : "Regression window: none (not failing since its last pass)");
        w.WriteLine($"Flake rate: {FlakeRate:P0}");
    }
}
