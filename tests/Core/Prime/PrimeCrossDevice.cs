using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Prime;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_cross_device: dword writes and copies between GPUs through shared dma-bufs, checked by the CPU through a
/// cached mapping. panfrost and etnaviv do not snoop CPU caches (an ARM SoC), so DMA_BUF_IOCTL_SYNC is what makes
/// their writes visible and the CPU's writes reach them; the -unsynced subtests show the stale data a missing SYNC
/// gives on such hardware (deterministically: the emulated cache never evicts on its own).
/// </summary>
public sealed class PrimeCrossDevice(ITestOutputHelper output) : PrimeTest(output)
{
    private const uint Value = 0xc0ffee01;

    [Subtest("gpu-write-cpu-read")]
    public void GpuWriteCpuRead() => GpuWriteThenCpuRead(sync: true).Should().Be(Value, "SYNC START invalidated the stale line");

    [Subtest("gpu-write-cpu-read-unsynced")]
    public void GpuWriteCpuReadUnsynced() =>
        GpuWriteThenCpuRead(sync: false).Should().Be(0u, "without SYNC START the CPU keeps reading the line it cached before the GPU wrote");

    [Subtest("cpu-write-gpu-copy")]
    public void CpuWriteGpuCopy() => CpuWriteThenGpuCopy(sync: true).Should().Be(Value, "SYNC END cleaned the CPU's write out to memory");

    [Subtest("cpu-write-gpu-copy-unsynced")]
    public void CpuWriteGpuCopyUnsynced() =>
        CpuWriteThenGpuCopy(sync: false).Should().Be(0u, "without SYNC END the CPU's write stays in its cache, the GPU copies memory");

    /// <summary>The issue's scenario: panfrost writes, etnaviv copies into a second buffer, the CPU verifies it cached.</summary>
    [Subtest("write-copy-verify")]
    public void WriteCopyVerify()
    {
        var (srcFd, dstFd) = (Dev.HeapAlloc("system", 4096), Dev.HeapAlloc("system", 4096));
        var srcPan = Dev.Import(Dev.Panfrost, srcFd);
        var srcEtna = Dev.Import(Dev.Etnaviv, srcFd);
        var dstEtna = Dev.Import(Dev.Etnaviv, dstFd);
        Dev.EtnavivWrite(dstEtna, 4092, 0); // etnaviv maps dst now (the map cleans caches once)
        var dst = PrimeHelpers.Mmap(Sys, dstFd, 4096);
        var before = new uint[16];
        for (var i = 0; i < before.Length; i++)
            before[i] = Dev.ReadU32(dst + (ulong)i * 4); // the CPU caches dst's lines
        for (var i = 0u; i < 16; i++)
            Dev.PanfrostWrite(srcPan, i * 4, Value + i);
        Dev.EtnavivCopy(srcEtna, dstEtna, 4096);
        PrimeHelpers.SyncStart(Sys, dstFd, write: false);
        for (var i = 0u; i < 16; i++)
            Dev.ReadU32(dst + i * 4).Should().Be(Value + i, $"dword {i} went panfrost → src → etnaviv copy → dst → CPU");
        PrimeHelpers.SyncEnd(Sys, dstFd, write: false);
        before.Should().OnlyContain(v => v == 0, "a fresh heap buffer is zeroed");
    }

    /// <summary>i915 snoops the CPU caches (LLC): its writes are visible without SYNC, as on x86.</summary>
    [Subtest("coherent-gpu-write-cpu-read")]
    public void CoherentGpuWriteCpuRead()
    {
        var fd = Dev.HeapAlloc("system", 4096);
        var h = Dev.Import(Dev.I915, fd);
        var map = PrimeHelpers.Mmap(Sys, fd, 4096);
        Dev.ReadU32(map).Should().Be(0u);
        Dev.I915Write(h, 0, Value);
        Dev.ReadU32(map).Should().Be(Value, "a snooping GPU's write invalidates the CPU's line");
    }

    /// <summary>A cached etnaviv BO exported: mmap of the dma-buf is the exporter's, and SYNC does its maintenance.</summary>
    [Subtest("exporter-cached-bo")]
    public void ExporterCachedBo()
    {
        var bo = EtnavivBo.New(Sys, Dev.Etnaviv, 4096, Drivers.Etnaviv.Uapi.EtnavivIoctls.BoCached);
        var fd = PrimeHelpers.HandleToFdForMmap(Sys, Dev.Etnaviv, bo);
        var pan = Dev.Import(Dev.Panfrost, fd);
        var map = PrimeHelpers.Mmap(Sys, fd, 4096);
        PrimeHelpers.SyncStart(Sys, fd, write: false);
        Dev.ReadU32(map + 8).Should().Be(0u);
        PrimeHelpers.SyncEnd(Sys, fd, write: false);
        Dev.PanfrostWrite(pan, 8, Value);
        PrimeHelpers.SyncStart(Sys, fd, write: false);
        Dev.ReadU32(map + 8).Should().Be(Value, "the exporter invalidated its cached mapping on SYNC START");
        PrimeHelpers.SyncEnd(Sys, fd, write: false);
    }

    private uint GpuWriteThenCpuRead(bool sync)
    {
        var fd = Dev.HeapAlloc("system", 4096);
        var h = Dev.Import(Dev.Panfrost, fd); // panfrost maps at import: caches are cleaned then
        var map = PrimeHelpers.Mmap(Sys, fd, 4096);
        Dev.ReadU32(map).Should().Be(0u, "a fresh heap buffer is zeroed");
        Dev.PanfrostWrite(h, 0, Value);
        if (sync)
            PrimeHelpers.SyncStart(Sys, fd, write: false);
        var v = Dev.ReadU32(map);
        if (sync)
            PrimeHelpers.SyncEnd(Sys, fd, write: false);
        Log($"CPU read 0x{v:x8} after the GPU wrote 0x{Value:x8} ({(sync ? "with" : "without")} SYNC)");
        return v;
    }

    private uint CpuWriteThenGpuCopy(bool sync)
    {
        var fd = Dev.HeapAlloc("system", 4096);
        var src = Dev.Import(Dev.Etnaviv, fd);
        var dst = EtnavivBo.New(Sys, Dev.Etnaviv, 4096);
        Dev.EtnavivCopy(src, dst, 4096); // etnaviv maps both now
        var map = PrimeHelpers.Mmap(Sys, fd, 4096);
        if (sync)
            PrimeHelpers.SyncStart(Sys, fd, write: true);
        Dev.WriteU32(map, Value);
        if (sync)
            PrimeHelpers.SyncEnd(Sys, fd, write: true);
        Dev.EtnavivCopy(src, dst, 4096);
        var copy = EtnavivBo.Mmap(Sys, Dev.Etnaviv, dst, 4096);
        var v = Dev.ReadU32(copy);
        Log($"GPU copied 0x{v:x8} after the CPU wrote 0x{Value:x8} ({(sync ? "with" : "without")} SYNC)");
        return v;
    }
}
