using Igt.Stress.Fuzz;
using Igt.Stress.Workloads;

namespace Igt.Stress.Core;

/// <summary>The reproducer of each finding kind: "stress" (workload replay) and "fuzz" (ioctl program replay).</summary>
public static class Reproducers
{
    public static IReproducer For(string kind) => kind switch
    {
        "stress" => new StressReproducer(),
        "fuzz" => new FuzzReproducer(),
        _ => throw new ArgumentException($"no reproducer for finding kind '{kind}'"),
    };
}
