using Igt.Drivers.I915;
using Igt.Fixtures;
using Xunit.Abstractions;
using Bugs = Igt.Drivers.I915.I915KnownBugs;

namespace Igt.Tests.I915;

/// <summary>
/// i915_known_bugs: proof that the suite catches every i915 known bug. Each subtest runs the named subtests once
/// on a clean machine (they must pass) and once with the bug switched on (they must fail, for the reason the bug
/// produces: a KASAN use-after-free, a wrong errno, an overshot timeout, a batch that ran twice).
/// </summary>
[IgtBinary("i915_known_bugs")]
public sealed class I915KnownBugsProof(ITestOutputHelper output) : I915Test(output)
{
    /// <summary>Without an MMU notifier the GPU keeps using pages the process unmapped: freed and given away.</summary>
    [Subtest("userptr-no-notifier")]
    public void UserptrNoNotifier()
    {
        var unmap = Prove<GemUserptrBlits>("sync-unmap", Bugs.UserptrNoNotifier);
        unmap.Evidence.Should().Contain("BUG: KASAN: use-after-free", "the blitter read pages freed by munmap");
        unmap.Evidence.Should().Contain("to be -14", "a copy after munmap must fail with EFAULT, not succeed on stale pages");

        var remap = Prove<GemUserptrBlits>("map-fixed-invalidate-busy", Bugs.UserptrNoNotifier);
        remap.Evidence.Should().Contain("BUG: KASAN: use-after-free", "the copy went through pages MAP_FIXED replaced");

        var swap = Prove<GemUserptrBlits>("swapping-normal-sync", Bugs.UserptrNoNotifier);
        swap.Evidence.Should().Contain("BUG: KASAN: use-after-free", "swapped-out pages were still used by the GPU");
    }

    [Subtest("userptr-unaligned-accepted")]
    public void UserptrUnalignedAccepted()
    {
        var usage = Prove<GemUserptrBlits>("usage-restrictions", Bugs.UserptrUnalignedAccepted);
        usage.Evidence.Should().MatchRegex("address not aligned|not a multiple of the page size|both wrong",
            "an unaligned pointer or size must be refused");
    }

    /// <summary>Without the write-back each restart waits the full timeout again: the 0.5 s wait overshoots.</summary>
    [Subtest("wait-timeout-not-updated")]
    public void WaitTimeoutNotUpdated()
    {
        var wait = Prove<GemWait>("wait", Bugs.WaitTimeoutNotUpdated);
        wait.Evidence.Should().MatchRegex("outlives a 0.5 s wait \\(took [0-9]{4,} ms\\)|restarted waits continue with the time left",
            "the restarted wait overshot its 0.5 s timeout by seconds");
    }

    /// <summary>Throttling after queueing, then reporting EINTR: the restarted execbuf queues the batch again.</summary>
    [Subtest("execbuf-replay-on-restart")]
    public void ExecbufReplayOnRestart()
    {
        var ring = Prove<GemRingfill>("engines-interruptible", Bugs.ExecbufReplayOnRestart);
        ring.Evidence.Should().Contain("ran twice (two stores)", "an interrupted execbuf was executed a second time");
    }

    /// <summary>The shrinker swaps out a running spinner's batch: the GPU reads a freed page and never sees the end.</summary>
    [Subtest("shrink-busy-objects")]
    public void ShrinkBusyObjects()
    {
        var reclaim = Prove<GemShrink>("reclaim", Bugs.ShrinkBusyObjects);
        reclaim.Evidence.Should().Contain("BUG: KASAN: use-after-free", "the engine fetched commands from a page the shrinker freed");
    }

    private SubtestOutcome Prove<TTest>(string subtest, string bug) where TTest : IgtTest =>
        KnownBugHarness.Prove<TTest>(subtest, Output, Bugs.Qualified(bug));
}
