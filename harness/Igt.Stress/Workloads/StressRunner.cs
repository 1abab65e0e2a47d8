using System.Diagnostics;
using Bogus;
using Igt.Kernel;

namespace Igt.Stress.Workloads;

/// <summary>
/// Runs a workload: boots a machine from the seed (and known bugs), draws operations from a generator seeded
/// from the same seed, executes them until an invariant breaks or the budget (operations, time) runs out, then
/// tears down and checks for leaks. The same seed and bugs always give the same operations; a replay runs a chosen
/// subsequence of them.
/// </summary>
public static class StressRunner
{
    /// <summary>Boots a machine from a config tweak; tests pass their fixture's BootMachine so it is checked too.</summary>
    public delegate Machine MachineBooter(Action<MachineConfig> configure);

    public static Machine DefaultBoot(Action<MachineConfig> configure)
    {
        var cfg = new MachineConfig();
        configure(cfg);
        return Machine.Boot(cfg);
    }

    /// <summary>The seed of the machine of a run (the operations use another stream of the same seed).</summary>
    public static ulong MachineSeed(ulong seed) => KernelRandom.Mix(seed, KernelRandom.StableHash("machine"));

    /// <summary>The first <paramref name="count"/> operations the workload generates for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<StressOp> Generate(IStressWorkload workload, ulong seed, int count)
    {
        var rng = Generator(workload, seed);
        var ops = new List<StressOp>(count);
        for (var i = 0; i < count; i++)
            ops.Add(workload.Next(rng));
        return ops;
    }

    /// <summary>
    /// Runs until a finding, <paramref name="maxOps"/> operations or <paramref name="maxTime"/> (whichever first).
    /// </summary>
    public static StressRunResult Run(IStressWorkload workload, ulong seed, IEnumerable<string> knownBugs, int maxOps, TimeSpan maxTime,
        MachineBooter? boot = null)
    {
        var rng = Generator(workload, seed);
        var sw = Stopwatch.StartNew();
        return Execute(workload, seed, knownBugs, boot, sw, i => i < maxOps && sw.Elapsed < maxTime ? workload.Next(rng) : null);
    }

    /// <summary>Replays exactly <paramref name="ops"/> (a generated sequence or a subsequence of one).</summary>
    public static StressRunResult Replay(IStressWorkload workload, ulong seed, IEnumerable<string> knownBugs, IReadOnlyList<StressOp> ops,
        MachineBooter? boot = null)
    {
        var sw = Stopwatch.StartNew();
        return Execute(workload, seed, knownBugs, boot, sw, i => i < ops.Count ? ops[i] : null);
    }

    private static StressRunResult Execute(IStressWorkload workload, ulong seed, IEnumerable<string> knownBugs, MachineBooter? boot,
        Stopwatch sw, Func<int, StressOp?> next)
    {
        var bugs = knownBugs.ToList();
        var machine = (boot ?? DefaultBoot)(cfg =>
        {
            cfg.Devices.Clear();
            workload.Configure(cfg);
            cfg.Seed = MachineSeed(seed);
            foreach (var b in bugs)
                cfg.KnownBugs.Add(b);
        });
        var actualBugs = machine.Config.KnownBugs.Order(StringComparer.Ordinal).ToList();
        var done = new List<StressOp>();
        string? title = null, detail = null;
        try
        {
            using var session = workload.Start(machine);
            try
            {
                for (var i = 0; !session.Ended && next(i) is { } op; i++)
                {
                    done.Add(op);
                    session.Execute(op);
                }
                session.Finish();
            }
            catch (StressViolation v)
            {
                title = v.Title;
                detail = v.Detail;
            }
        }
        finally
        {
            if (boot is null)
                machine.Dispose();
        }
        return new StressRunResult(workload.Name, seed, actualBugs, title, detail, done, sw.Elapsed);
    }

    private static Randomizer Generator(IStressWorkload workload, ulong seed) =>
        new(unchecked((int)KernelRandom.Mix(seed, KernelRandom.StableHash("ops:" + workload.Name))));
}
