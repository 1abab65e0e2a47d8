using Bogus;
using Igt.Kernel;

namespace Igt.Stress.Workloads;

/// <summary>
/// A stress workload of one driver: the machine it needs, a seeded generator of operations, and the session that
/// executes them against a booted machine while checking the invariants.
/// </summary>
public interface IStressWorkload
{
    /// <summary>"panfrost-mixed": the finding target.</summary>
    string Name { get; }

    string Driver { get; }

    /// <summary>The session class a repro test instantiates (its methods are the operation kinds).</summary>
    Type SessionType { get; }

    IReadOnlyList<StressOpKind> Kinds { get; }

    /// <summary>dmesg lines the workload provokes on purpose (a test running it ignores them too).</summary>
    IReadOnlyList<string> ExpectedDmesg { get; }

    /// <summary>Adds the devices (and RAM, swap) the workload needs.</summary>
    void Configure(MachineConfig config);

    /// <summary>The next operation; draws only from <paramref name="rng"/> so a seed always gives the same sequence.</summary>
    StressOp Next(Randomizer rng);

    /// <summary>A session on <paramref name="machine"/> (it spawns its own process).</summary>
    StressSession Start(Machine machine);
}
