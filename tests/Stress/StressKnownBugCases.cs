using Igt.Drivers.Etnaviv;
using Igt.Drivers.I915;
using PanfrostBugs = Igt.Drivers.Panfrost.KnownBugs;

namespace Igt.Tests.Stress;

/// <summary>Every known bug of the drivers with a stress workload, as "driver.Bug".</summary>
public static class StressKnownBugCases
{
    public static IEnumerable<string> All =>
        PanfrostBugs.All.Select(b => $"{PanfrostBugs.Driver}.{b}")
            .Concat(EtnavivKnownBugs.All.Select(b => $"{EtnavivKnownBugs.Driver}.{b}"))
            .Concat(I915KnownBugs.All.Select(I915KnownBugs.Qualified));

    /// <summary>
    /// Bugs no stress workload reaches yet, with the reason (docs/stress.md): the proof test skips them by name,
    /// so they stay visible in the results instead of silently passing.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Unreached { get; } = new Dictionary<string, string>();
}
