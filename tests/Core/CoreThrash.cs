using Igt.Core;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>
/// Memory thrash: GEM objects totalling a multiple of the RAM budget, each with a known pattern, survive reclaim
/// (swap-out of idle objects and anonymous memory) and read back intact.
/// </summary>
public sealed class CoreThrash(ITestOutputHelper output) : CoreTest(output)
{
    [Subtest("gem-objects-3x-ram")]
    public void GemObjects3xRam()
    {
        Boot(cfg =>
        {
            cfg.RamBytes = 32L << 20;
            cfg.SwapBytes = 160L << 20;
        });
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var ram = Thrash.TotalRam(Sys);
        var factor = IgtEnv.ThrashFactor(ci: 3, nightly: 4);
        var objSize = 1UL << 20;
        var count = (int)(ram * factor / (long)objSize);
        var bos = new List<(IgtVgem.Bo Bo, uint Seed)>();
        for (var i = 0; i < count; i++)
        {
            var bo = IgtVgem.Create(Sys, fd, objSize);
            var addr = IgtVgem.Mmap(Sys, fd, bo);
            IgtVgem.FillPattern(Sys, addr, bo.Size, (uint)i * 7919);
            Sys.Munmap(addr, bo.Size).Should().Be(0);
            bos.Add((bo, (uint)i * 7919));
        }
        var reclaimed = Thrash.UntilReclaimed(Sys, ram / 4096);
        Log($"objects: {count} x {objSize >> 20} MiB over {ram >> 20} MiB RAM; pages reclaimed while thrashing: {reclaimed}");
        (Sys.ReadTextFile("/proc/vmstat") ?? "").Should().MatchRegex(@"pswpout [1-9]", "objects had to be swapped out");

        foreach (var (bo, seed) in bos)
        {
            var addr = IgtVgem.Mmap(Sys, fd, bo);
            IgtVgem.CheckPattern(Sys, addr, bo.Size, seed).Should().Be(-1, $"object {bo.Handle} reads back intact");
            Sys.Munmap(addr, bo.Size);
        }
    }

    [Subtest("enomem-without-swap")]
    public void EnomemWithoutSwap()
    {
        Boot(cfg =>
        {
            cfg.RamBytes = 8L << 20;
            cfg.SwapBytes = 0;
        });
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 16 << 20);
        var addr = IgtVgem.Mmap(Sys, fd, bo);
        var page = new byte[4096];
        var result = Kernel.Process.FaultResult.Ok;
        for (ulong off = 0; off < bo.Size && result == Kernel.Process.FaultResult.Ok; off += 4096)
            result = Sys.Write(addr + off, page);
        result.Should().Be(Kernel.Process.FaultResult.Oom, "nothing can be reclaimed: the fault fails with ENOMEM");
        Sys.Munmap(addr, bo.Size);
        Gem.Close(Sys, fd, bo.Handle);
        // Everything came back.
        Thrash.MeminfoField(Sys, "Shmem").Should().Be(0);
    }
}
