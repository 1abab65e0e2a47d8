using Igt.Fixtures;
using Igt.Kernel;
using Igt.Stress.Core;
using Igt.Stress.Fuzz;
using Xunit.Abstractions;

namespace Igt.Tests.Stress;

/// <summary>
/// fuzz_known_bugs: the fuzzer finds the known bugs that bad input reaches, with a stable title, within the CI
/// budget, and the reproducer shrinks the program with ddmin to a few ops that still fail the same way.
/// </summary>
public sealed class FuzzKnownBugs(ITestOutputHelper output) : IgtTest(output)
{
    protected override void Configure(MachineConfig config)
    {
    }

    [Subtest("i915-userptr-unaligned-accepted")]
    public void UserptrUnaligned() =>
        Prove("i915", "i915.UserptrUnalignedAccepted", "fuzz: I915_GEM_USERPTR accepted an unaligned range (i915)");

    [Subtest("panfrost-madvise-shared-bo")]
    public void MadviseSharedBo() =>
        Prove("panfrost", "panfrost.MadviseSharedBo", "fuzz: MADVISE(DONTNEED) accepted on a BO shared with another file (panfrost)");

    private void Prove(string target, string bug, string title)
    {
        // Not stopping at the first finding: under load a panfrost program can first hit the open
        // "WARNING in panfrost_mmu_map_fault_addr" race (docs/stress.md); the bug's own finding must still come.
        var run = IoctlFuzzer.Run(new FuzzOptions(target, 0xb06, TimeSpan.FromSeconds(10)) { KnownBugs = [bug], FindingsDir = TempDir(), StopAtFirstFinding = false });
        Log(run.Summary());
        run.Findings.Select(f => f.Record.Title).Should().Contain(title, $"the fuzzer must find {bug}");

        var finding = run.Findings.First(f => f.Record.Title == title);
        var repro = new FuzzReproducer(finding.Dir);
        repro.Replay(finding.Record, null).Should().Be(title, "a replay of the seed fails the same way");
        var keep = repro.Shrink(finding.Record);
        Log($"{bug}: {finding.Record.OpCount} ops shrunk to {keep.Count}");
        // The panfrost bug needs at least create, export, import into another file, madvise; handle values in the
        // fixups tie an op to the creates before it in its file, so a 1-minimal program may keep a few more.
        keep.Count.Should().BeLessThan(finding.Record.OpCount).And.BeLessThanOrEqualTo(8);
        repro.Replay(finding.Record, keep).Should().Be(title, "the shrunk program still fails the same way");
        repro.WriteXunitTest(finding.Record, keep, "FuzzRepro").Should().Contain("[Subtest(\"fuzz-repro\")]").And.Contain("s.AssertClean();");

        var clean = finding.Record with { KnownBugs = [] };
        repro.Replay(clean, keep).Should().BeNull("without the bug the same ops are clean");
    }

    private static string TempDir() => Path.Combine(Path.GetTempPath(), $"igt-fuzz-{Guid.NewGuid():n}");
}
