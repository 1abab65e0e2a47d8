using Igt.Drm.Prime;
using Igt.Fixtures;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// dmabuf_known_bugs: proof that the prime suite catches every known bug of the dma-buf core. Each subtest runs the
/// named subtests on a clean machine (they pass) and with the bug switched on (they fail for the bug's reason).
/// </summary>
public sealed class DmaBufKnownBugs(ITestOutputHelper output) : PrimeTest(output)
{
    [Subtest("imported-mmap-bypasses-exporter")]
    public void ImportedMmapBypassesExporter()
    {
        var r = Prove<PrimeImporterMmap>("mmap-survives-exporter-eviction", DmaBufBugs.ImportedMmapBypassesExporter);
        r.Evidence.Should().MatchRegex("(KASAN: use-after-free|read back through the importer)",
            "the importer's own mapping kept the pages the exporter had swapped out");
    }

    [Subtest("sync-ioctl-noop")]
    public void SyncIoctlNoop()
    {
        var read = Prove<PrimeCrossDevice>("gpu-write-cpu-read", DmaBufBugs.SyncIoctlNoop);
        read.Evidence.Should().Contain("invalidated the stale line", "the CPU read its stale cached line");
        var write = Prove<PrimeCrossDevice>("cpu-write-gpu-copy", DmaBufBugs.SyncIoctlNoop);
        write.Evidence.Should().Contain("cleaned the CPU's write", "the GPU copied memory the CPU's write never reached");
    }

    [Subtest("ignore-attach-constraints")]
    public void IgnoreAttachConstraints()
    {
        var two = Prove<PrimeDeferredAlloc>("two-devices", DmaBufBugs.IgnoreAttachConstraints);
        two.Evidence.Should().MatchRegex("(overflow|EIO|EINVAL)", "a device could not reach the pages placed for the exporter alone");
        Prove<PrimeDeferredAlloc>("attach-after-placement", DmaBufBugs.IgnoreAttachConstraints)
            .Evidence.Should().MatchRegex("to be -22", "the attach that cannot fit was accepted");
    }

    [Subtest("no-implicit-sync")]
    public void NoImplicitSync()
    {
        var r = Prove<PrimeImplicitSync>("cross-device-copy-waits", DmaBufBugs.NoImplicitSync);
        r.Evidence.Should().Contain("must wait for panfrost", "the etnaviv copy ran while panfrost was still writing");
    }

    private SubtestOutcome Prove<TTest>(string subtest, string bug) where TTest : IgtTest =>
        KnownBugHarness.Prove<TTest>(subtest, Output, $"{DmaBufBugs.Driver}.{bug}");
}
