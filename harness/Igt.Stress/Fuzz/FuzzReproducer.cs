using Igt.Stress.Core;

namespace Igt.Stress.Fuzz;

/// <summary>
/// IReproducer for kind "fuzz": the ops come from the finding directory's ops.txt when one is given, else they are
/// regenerated from the seed (generation never depends on results, so the seed gives the same ops; a concurrent
/// finding's lanes are interleaved round-robin). Replays run sequentially on a fresh machine.
/// </summary>
public sealed class FuzzReproducer(string? findingDir = null) : IReproducer
{
    public string Kind => "fuzz";

    public IReadOnlyList<FuzzOp> Ops(FindingRecord finding)
    {
        if (findingDir is not null && File.Exists(Path.Combine(findingDir, "ops.txt")))
            return FuzzFindingStore.ReadOps(findingDir);
        var (target, concurrent) = Parse(finding.Target);
        return (concurrent
            ? FuzzPrograms.RoundRobin(target, finding.Seed, finding.OpCount)
            : FuzzPrograms.Sequential(target, finding.Seed, finding.OpCount)).ToList();
    }

    public string? Replay(FindingRecord finding, IReadOnlyList<int>? keep)
    {
        var (target, _) = Parse(finding.Target);
        return FuzzProgram.RunSequential(target, finding.Seed, finding.KnownBugs, Select(Ops(finding), keep)).Title;
    }

    public string WriteXunitTest(FindingRecord finding, IReadOnlyList<int> keep, string className) =>
        FuzzTestWriter.Write(finding, Select(Ops(finding), keep), className);

    /// <summary>Replays, then shrinks with ddmin to the ops that still give the same title.</summary>
    public IReadOnlyList<int> Shrink(FindingRecord finding, int maxTests = 400)
    {
        var all = Enumerable.Range(0, Ops(finding).Count).ToList();
        return DeltaDebugging.Minimize(all, keep => Replay(finding, keep) == finding.Title, maxTests);
    }

    private static IReadOnlyList<FuzzOp> Select(IReadOnlyList<FuzzOp> ops, IReadOnlyList<int>? keep) =>
        keep is null ? ops : keep.Where(i => i >= 0 && i < ops.Count).Select(i => ops[i]).ToList();

    private static (FuzzTarget Target, bool Concurrent) Parse(string target) =>
        target.EndsWith(FuzzPrograms.ConcurrentSuffix, StringComparison.Ordinal)
            ? (FuzzTarget.Get(target[..^FuzzPrograms.ConcurrentSuffix.Length]), true)
            : (FuzzTarget.Get(target), false);
}
