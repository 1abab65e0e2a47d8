using Igt.Kernel;

namespace Igt.Stress.Fuzz;

/// <summary>
/// The ops of a program as a function of its seed: the sequential mode draws the lane of each op and asks one
/// generator (one shared resource pool); the concurrent mode has a generator per lane and merges the lanes in the
/// order their ops started, which only the log keeps (a replay interleaves them round-robin).
/// </summary>
public static class FuzzPrograms
{
    public const string ConcurrentSuffix = "-concurrent";

    public static ulong ProgramSeed(ulong runSeed, int program) => KernelRandom.Mix(runSeed, (ulong)program + 1);

    public static IEnumerable<FuzzOp> Sequential(FuzzTarget target, ulong seed, int count, int lanes = FuzzSession.DefaultLanes)
    {
        var gen = new FuzzGenerator(target, KernelRandom.Mix(seed, KernelRandom.StableHash("ops")));
        var sched = new Random(unchecked((int)KernelRandom.Mix(seed, KernelRandom.StableHash("lanes"))));
        for (var i = 0; i < count; i++)
            yield return gen.Next(i, sched.Next(lanes));
    }

    /// <summary>One lane's ops of a concurrent program, indices local to the lane.</summary>
    public static FuzzGenerator LaneGenerator(FuzzTarget target, ulong seed, int lane) =>
        new(target, KernelRandom.Mix(seed, KernelRandom.StableHash($"ops-lane{lane}")));

    /// <summary>The concurrent program's lanes interleaved round-robin, renumbered (fixups follow).</summary>
    public static IEnumerable<FuzzOp> RoundRobin(FuzzTarget target, ulong seed, int count, int lanes = FuzzSession.DefaultLanes)
    {
        var gens = Enumerable.Range(0, lanes).Select(l => LaneGenerator(target, seed, l)).ToArray();
        var maps = Enumerable.Range(0, lanes).Select(_ => new Dictionary<int, int>()).ToArray();
        var local = new int[lanes];
        for (var g = 0; g < count; g++)
        {
            var lane = g % lanes;
            var op = gens[lane].Next(local[lane], lane);
            maps[lane][local[lane]++] = g;
            yield return Renumber(op, g, maps[lane]);
        }
    }

    /// <summary>Gives a lane-local op its global index and points its fixups at the producers' global indices.</summary>
    public static FuzzOp Renumber(FuzzOp op, int index, IReadOnlyDictionary<int, int> localToGlobal) => op with
    {
        Index = index,
        Fixups = op.Fixups.Select(f => f.Op >= 0 && localToGlobal.TryGetValue(f.Op, out var g) ? f with { Op = g } : f).ToList(),
    };
}
