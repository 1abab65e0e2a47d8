using Igt.Runner.Selection;

namespace Igt.Runner.Results;

/// <summary>
/// Everything known about one run, built from its results directory (<see cref="ResultsBuilder"/>). This is the model
/// the writers (results.json, CSV, JUnit) and the HTML report read; nothing in it depends on how it was produced.
/// </summary>
public sealed class RunResults
{
    public required string Name { get; init; }

    public string Uname { get; init; } = "";

    public IReadOnlyList<string> Cmdline { get; init; } = [];

    /// <summary>Unix seconds the run started and ended (0 when unknown).</summary>
    public double StartTime { get; init; }

    public double EndTime { get; init; }

    /// <summary>Tests in job-list order, followed by igt@runner@aborted when the run was aborted.</summary>
    public required IReadOnlyList<TestResult> Tests { get; init; }

    /// <summary>Why the run was aborted (aborted.txt), or null.</summary>
    public string? AbortReason { get; init; }

    /// <summary>The run's settings as metadata.txt records them (seed, profile, timeouts, shard, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public StatusTotals Totals => StatusTotals.Of(Tests);

    public IEnumerable<TestResult> Problems => Tests.Where(t => !t.Status.IsSuccess());

    /// <summary>Totals per binary (igt@bin), in order of first appearance.</summary>
    public IReadOnlyList<(string Binary, StatusTotals Totals)> TotalsByBinary() =>
        Tests.GroupBy(t => IgtName.BinaryKey(t.Name)).Select(g => (g.Key, StatusTotals.Of(g))).ToList();

    public TestResult? Find(string name) => Tests.FirstOrDefault(t => t.Name == name);
}
