namespace Igt.Runner.Results;

/// <summary>
/// One test's entry in a run's results: what results.json, the CSV files, JUnit and the HTML report show. With
/// <c>--repeat</c>/<c>--duration</c> a test ran several times: <see cref="Status"/> is the worst iteration's and the
/// text fields come from that iteration.
/// </summary>
public sealed record TestResult
{
    public required string Name { get; init; }

    public required TestStatus Status { get; init; }

    public string Out { get; init; } = "";

    public string Err { get; init; } = "";

    public string Dmesg { get; init; } = "";

    public string DmesgWarnings { get; init; } = "";

    /// <summary>Seconds the test ran.</summary>
    public double Duration { get; init; }

    /// <summary>The iteration (1-based) the details come from.</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>IGT_SEED of that iteration, when the run recorded one: replaying with it replays the test.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Every iteration's status, in order (a single entry unless the run repeated).</summary>
    public IReadOnlyList<TestStatus> IterationStatuses { get; init; } = [];

    public string Binary => Selection.IgtName.BinaryOf(Name);
}
