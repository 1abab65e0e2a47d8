using Bogus;

namespace Igt.Stress.Workloads;

/// <summary>Generator helpers shared by the workloads.</summary>
public static class StressGen
{
    /// <summary>A kind drawn by weight.</summary>
    public static StressOpKind Pick(Randomizer rng, IReadOnlyList<StressOpKind> kinds)
    {
        var total = kinds.Sum(k => k.Weight);
        var x = rng.Number(0, total - 1);
        foreach (var k in kinds)
        {
            if (x < k.Weight)
                return k;
            x -= k.Weight;
        }
        return kinds[^1];
    }
}
