using Igt.Core;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Stress.Fuzz;
using Xunit.Abstractions;

namespace Igt.Tests.Stress;

/// <summary>
/// fuzz_ioctl: the typed ioctl fuzzer on each target for IGT_DURATION_S (a few seconds in CI, minutes nightly).
/// Each run must call every described ioctl at least once and end clean: no finding (results outside the errno
/// set, oracle violations, oops/KASAN/WARN/BUG, pages not returned after teardown). Machines are the fuzzer's own
/// (a fresh one per program), so this test's machine stays unused.
/// </summary>
public sealed class FuzzIoctl(ITestOutputHelper output) : IgtTest(output)
{
    protected override void Configure(MachineConfig config)
    {
    }

    [Subtest("core")]
    public void Core() => Fuzz("core");

    [Subtest("vgem")]
    public void Vgem() => Fuzz("vgem");

    [Subtest("panfrost")]
    public void Panfrost() => Fuzz("panfrost");

    [Subtest("etnaviv")]
    public void Etnaviv() => Fuzz("etnaviv");

    [Subtest("i915")]
    public void I915() => Fuzz("i915");

    /// <summary>
    /// Two threads of one task and two forked children sharing its fds, all calling at once, on every target in turn
    /// (the duration split evenly between them).
    /// </summary>
    [Subtest("concurrent")]
    public void Concurrent()
    {
        // Threads make the interleaving, hence the result, differ from run to run: exploration for nightly runs,
        // not a CI gate.
        IgtCore.Require(IgtEnv.Nightly, "concurrent fuzzing runs in the nightly profile (IGT_PROFILE=nightly)");
        string[] targets = ["core", "vgem", "panfrost", "etnaviv", "i915"];
        var each = IgtEnv.Duration(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(10)) / targets.Length;
        foreach (var t in targets)
            Fuzz(t, concurrent: true, duration: each);
    }

    private void Fuzz(string target, bool concurrent = false, TimeSpan? duration = null)
    {
        var result = IoctlFuzzer.Run(new FuzzOptions(target, IgtEnv.RunSeed ^ 0xf022, duration ?? IgtEnv.Duration(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(10)))
        {
            Concurrent = concurrent,
            Profile = IgtEnv.Profile,
            KnownBugs = IgtEnv.KnownBugs,
            StopAtFirstFinding = !IgtEnv.Nightly,
            // CI replays the same programs every time (a fixed count, so a slow host does not see fewer of them);
            // nightly explores for as long as it is given.
            MaxPrograms = IgtEnv.Nightly ? 0 : IgtEnv.StressIterations(24, 0),
        });
        Log(result.Summary());
        result.Findings.Should().BeEmpty(string.Join("\n", result.Findings.Select(f => $"{f.Record.Title}: replay with `{f.ReproCommand}`")));
        result.Calls.Where(kv => kv.Value == 0).Select(kv => kv.Key).Should().BeEmpty("every described ioctl is called at least once");
    }
}
