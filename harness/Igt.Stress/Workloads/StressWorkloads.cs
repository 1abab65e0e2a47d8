using Igt.Stress.Etnaviv;
using Igt.Stress.I915;
using Igt.Stress.Panfrost;

namespace Igt.Stress.Workloads;

/// <summary>Every stress workload by name (the finding's Target).</summary>
public static class StressWorkloads
{
    public static IReadOnlyList<IStressWorkload> All { get; } =
    [
        new PanfrostStressWorkload(),
        new EtnavivStressWorkload(),
        new I915StressWorkload(),
    ];

    public static IStressWorkload Get(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"no stress workload '{name}' (known: {string.Join(", ", All.Select(w => w.Name))})");

    public static IStressWorkload ForDriver(string driver) => All.First(w => w.Driver == driver);
}
