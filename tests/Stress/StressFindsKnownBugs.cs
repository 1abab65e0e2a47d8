using System.Diagnostics;
using Igt.Stress.Core;
using Igt.Stress.Workloads;
using Xunit.Abstractions;

namespace Igt.Tests.Stress;

/// <summary>
/// The proof of issue 9: with each known bug switched on, its driver's stress workload finds it within the CI
/// budget; the same seed replays to the same title; the same operations without the bug find nothing; and delta
/// debugging shrinks the finding to a short sequence that still fails the same way.
/// </summary>
public sealed class StressFindsKnownBugs(ITestOutputHelper output)
{
    /// <summary>The CI budget per bug: seeds tried and operations per seed.</summary>
    private const int Seeds = 8;
    private const int MaxOps = 2000;

    /// <summary>A shrunk reproducer longer than this is not "short".</summary>
    private const int MaxShrunk = 12;

    public static TheoryData<string> Bugs()
    {
        var d = new TheoryData<string>();
        foreach (var b in StressKnownBugCases.All)
            d.Add(b);
        return d;
    }

    [SkippableTheory]
    [MemberData(nameof(Bugs))]
    public void FindsReplaysAndShrinks(string bug)
    {
        Skip.If(StressKnownBugCases.Unreached.TryGetValue(bug, out var why), $"{bug}: {why}");
        var workload = StressWorkloads.ForDriver(bug.Split('.')[0]);
        var sw = Stopwatch.StartNew();
        StressRunResult? found = null;
        var opsTried = 0;
        for (ulong seed = 1; seed <= Seeds && found is null; seed++)
        {
            var r = StressRunner.Run(workload, seed, [bug], MaxOps, TimeSpan.FromSeconds(10));
            opsTried += r.OpCount;
            if (r.Found)
                found = r;
        }
        found.Should().NotBeNull($"{workload.Name} finds {bug} within {Seeds} seeds x {MaxOps} operations");
        var f = found!;
        var findTime = sw.Elapsed;

        // Bugs that race the emulated GPU thread (e.g. a shrinker against a busy object) do not fail on every replay
        // on a loaded host; a replay counts when one of three attempts fails the same way (docs/stress.md).
        bool FailsSame(IReadOnlyList<StressOp> ops) => Enumerable.Range(0, 3).Any(_ => StressRunner.Replay(workload, f.Seed, [bug], ops).Title == f.Title);
        FailsSame(f.Ops).Should().BeTrue($"the same seed fails the same way (\"{f.Title}\")");
        var clean = StressRunner.Replay(workload, f.Seed, [], f.Ops);
        clean.Title.Should().BeNull($"the same operations find nothing without {bug}: {clean.Detail}");

        var shrunk = DeltaDebugging.Minimize(f.Ops, FailsSame, maxTests: 400);
        shrunk.Count.Should().BeLessThanOrEqualTo(MaxShrunk, "delta debugging makes a short reproducer");
        FailsSame(shrunk).Should().BeTrue("the shrunk sequence fails the same way");

        output.WriteLine($"{bug}: found by {workload.Name} seed {f.Seed} after {f.OpCount} ops ({opsTried} ops in all, {findTime.TotalSeconds:F2} s) " +
            $"\"{f.Title}\"; shrunk {f.OpCount} -> {shrunk.Count} ops; total {sw.Elapsed.TotalSeconds:F2} s");
        foreach (var op in shrunk)
            output.WriteLine($"    {op}");
    }
}
