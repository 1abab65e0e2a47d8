using Igt.Core;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Stress.Core;
using Igt.Stress.Workloads;
using Xunit.Abstractions;

namespace Igt.Tests.Stress;

/// <summary>
/// Base of the stress binaries: runs one workload for the profile's duration (ci: 3 s, nightly: 10 min,
/// IGT_DURATION_S overrides) on machines of this test (so IGT_KNOWN_BUGS and the dmesg rule apply), prints the
/// rate, and on a finding writes it (finding.json, ops.txt) and fails with its title and the repro command.
/// </summary>
public abstract class StressWorkloadTest(ITestOutputHelper output) : IgtTest(output)
{
    protected abstract string WorkloadName { get; }

    protected IStressWorkload Workload => StressWorkloads.Get(WorkloadName);

    protected override void Configure(MachineConfig config) => Workload.Configure(config);

    protected void RunWorkload()
    {
        foreach (var re in Workload.ExpectedDmesg)
            IgnoreDmesg(re);
        var duration = IgtEnv.Duration(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(10));
        var seed = MachineSeed("stress");
        var total = 0;
        var rounds = 0;
        var elapsed = TimeSpan.Zero;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        // Rounds of bounded length, each from its own seed, until the duration is spent: a long run keeps
        // replays (and shrinking) cheap.
        while (sw.Elapsed < duration || rounds == 0)
        {
            var roundSeed = KernelRandom.Mix(seed, (ulong)rounds);
            Machine? machine = null;
            var r = StressRunner.Run(Workload, roundSeed, [], maxOps: 20000, maxTime: duration - sw.Elapsed,
                boot: cfg => machine = BootMachine(cfg, $"round{rounds}"));
            rounds++;
            total += r.OpCount;
            elapsed += r.Elapsed;
            if (r.Found)
                Report(r);
            // A nightly run has hundreds of rounds: each machine goes as soon as its round passed.
            if (machine is not null)
                RetireMachine(machine);
        }
        Log($"{WorkloadName}: {total} ops in {rounds} rounds, {elapsed.TotalSeconds:F2} s, {total / Math.Max(elapsed.TotalSeconds, 1e-9):F0} ops/s");
    }

    private void Report(StressRunResult r)
    {
        var record = new FindingRecord("stress", r.Workload, r.Seed, r.KnownBugs, r.Title!, r.OpCount, IgtEnv.Profile);
        var root = FindingStore.Root();
        var dir = FindingStore.Write(root, record, r.Ops.Select(o => o.ToString()), r.Detail);
        IgnoreDmesg("."); // the finding below is the failure; its dmesg is in the finding's detail
        throw new IgtAssertionException($"{r.Title} (after {r.OpCount} ops, seed 0x{r.Seed:x}{(r.KnownBugs.Count > 0 ? ", bugs " + string.Join(",", r.KnownBugs) : "")})\n" +
            $"{r.Detail}\nfinding: {dir}\nreplay and shrink: dotnet run --project runner/Igt.Runner -c Release -- repro {dir}");
    }
}
