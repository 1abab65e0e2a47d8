using Igt.Stress.Core;

namespace Igt.Stress.Workloads;

/// <summary>
/// Reproducer of "stress" findings: the operations are regenerated from the seed (the generator draws nothing
/// from the machine), the chosen ones replayed on a machine booted from the same seed and bugs.
/// </summary>
public sealed class StressReproducer : IReproducer
{
    public string Kind => "stress";

    public string? Replay(FindingRecord finding, IReadOnlyList<int>? keep) =>
        StressRunner.Replay(StressWorkloads.Get(finding.Target), finding.Seed, finding.KnownBugs, Ops(finding, keep)).Title;

    public string WriteXunitTest(FindingRecord finding, IReadOnlyList<int> keep, string className) =>
        StressReproWriter.Write(finding, StressWorkloads.Get(finding.Target), Ops(finding, null), keep, className);

    /// <summary>The finding's operations (all, or the kept indices in order).</summary>
    public static IReadOnlyList<StressOp> Ops(FindingRecord finding, IReadOnlyList<int>? keep)
    {
        var all = StressRunner.Generate(StressWorkloads.Get(finding.Target), finding.Seed, finding.OpCount);
        if (keep is null)
            return all;
        foreach (var i in keep)
            if (i < 0 || i >= all.Count)
                throw new ArgumentOutOfRangeException(nameof(keep), $"operation {i} is not in 0..{all.Count - 1}");
        return keep.Select(i => all[i]).ToList();
    }
}
