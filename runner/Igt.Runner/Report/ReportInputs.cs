using Igt.Runner.Results;

namespace Igt.Runner.Report;

/// <summary>What the HTML report shows besides the run itself; every part is optional.</summary>
public sealed class ReportInputs
{
    /// <summary>The comparison with a baseline run (<c>--baseline</c>), shown at the top.</summary>
    public RunComparison? Comparison { get; init; }

    /// <summary>The exact command that replays a test, or null when the run does not say how.</summary>
    public Func<TestResult, string?> Rerun { get; init; } = _ => null;

    /// <summary>Pass rate of earlier runs and this one, oldest first (from the history database); empty: no chart.</summary>
    public IReadOnlyList<(string Run, double Rate)> PassRateHistory { get; init; } = [];

    /// <summary>Extra sections (expectations, known issues, mutants) rendered after the comparison, already HTML.</summary>
    public IReadOnlyList<string> ExtraSections { get; init; } = [];

    /// <summary>A link target for a test's history, or null for none (used when there are no <see cref="History"/> strips).</summary>
    public Func<string, string?> HistoryLink { get; init; } = _ => null;

    /// <summary>Each test's status in the recent runs (from the history database), shown as an in-page strip per row.</summary>
    public HistoryStrips? History { get; init; }
}
