using Igt.Drm.Heaps;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Prime;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// dma_heap: /dev/dma_heap/system and the default CMA heap, DMA_HEAP_IOCTL_ALLOC (0xC0184800) with the kernel's
/// errno, and heap buffers imported into every driver.
/// </summary>
public sealed class DmaHeap(ITestOutputHelper output) : PrimeTest(output)
{
    [Subtest("ioctl-number")]
    public void IoctlNumber() => DmaHeapAllocationData.IoctlAlloc.Should().Be(0xC0184800u);

    [Subtest("alloc-system")]
    public void AllocSystem() => Alloc("system");

    [Subtest("alloc-cma")]
    public void AllocCma() => Alloc("linux,cma");

    private void Alloc(string heap)
    {
        var fd = Dev.HeapAlloc(heap, 3 * 4096 + 1); // rounded up to 4 pages
        var map = PrimeHelpers.Mmap(Sys, fd, 4 * 4096);
        for (var i = 0u; i < 4; i++)
            Dev.ReadU32(map + i * 4096).Should().Be(0u, "heap buffers are zeroed");
        for (var i = 0u; i < 4; i++)
            Dev.WriteU32(map + i * 4096 + 12, 0x4ea9_0000 + i);
        var again = PrimeHelpers.Mmap(Sys, fd, 4 * 4096);
        for (var i = 0u; i < 4; i++)
            Dev.ReadU32(again + i * 4096 + 12).Should().Be(0x4ea9_0000 + i, "a second mapping sees the same pages");
        PrimeHelpers.TryMmap(Sys, fd, 5 * 4096).Should().Be(-Errno.EINVAL, "a mapping past the buffer");
    }

    [Subtest("alloc-errors")]
    public void AllocErrors()
    {
        var hfd = Sys.Open("/dev/dma_heap/system", OpenFlags.ReadWrite);
        Igt.Core.IgtCore.Require(hfd >= 0, "/dev/dma_heap/system");
        int Alloc(DmaHeapAllocationData a, uint cmd = 0) =>
            Drm.DrmIoctlHelper.IoctlRaw(Sys, hfd, cmd == 0 ? DmaHeapAllocationData.IoctlAlloc : cmd, ref a);
        Alloc(new() { Len = 4096, Fd = 5, FdFlags = 2 }).Should().Be(-Errno.EINVAL, "fd must be 0 on input");
        Alloc(new() { Len = 4096, FdFlags = 0x40 }).Should().Be(-Errno.EINVAL, "O_CREAT is not a valid fd flag");
        Alloc(new() { Len = 4096, FdFlags = 2, HeapFlags = 1 }).Should().Be(-Errno.EINVAL, "no heap flags are defined");
        Alloc(new() { Len = 0, FdFlags = 2 }).Should().Be(-Errno.EINVAL, "an empty buffer");
        Alloc(new() { Len = ulong.MaxValue, FdFlags = 2 }).Should().Be(-Errno.EINVAL, "PAGE_ALIGN wraps to 0");
        Alloc(new() { Len = 1UL << 40, FdFlags = 2 }).Should().Be(-Errno.ENOMEM, "more than all RAM");
        Alloc(new() { Len = 4096, FdFlags = 2 }, DmaHeapAllocationData.IoctlAlloc + 1).Should().Be(-Errno.EINVAL, "unknown ioctl nr");
        Sys.Ioctl(hfd, DmaHeapAllocationData.IoctlAlloc, 0x10).Should().Be(-Errno.EFAULT, "unreadable argument");
        Sys.Close(hfd);
    }

    [Subtest("cma-exhaustion")]
    public void CmaExhaustion()
    {
        IgnoreDmesg("cma: linux,cma: alloc failed");
        var first = Dev.HeapAlloc("linux,cma", 12UL << 20);
        Dev.TryHeapAlloc("linux,cma", 8UL << 20).Should().Be(-Errno.ENOMEM, "the 16 MiB CMA area is used up");
        Sys.Close(first);
        var again = Dev.TryHeapAlloc("linux,cma", 8UL << 20);
        again.Should().BeGreaterThanOrEqualTo(0, "closing the first buffer gave its pages back to the area");
    }

    /// <summary>One system-heap buffer imported into all four drivers; each device writes its dword.</summary>
    [Subtest("import-every-driver")]
    public void ImportEveryDriver()
    {
        var fd = Dev.HeapAlloc("system", 4096);
        var pan = Dev.Import(Dev.Panfrost, fd);
        var etna = Dev.Import(Dev.Etnaviv, fd);
        var i915 = Dev.Import(Dev.I915, fd);
        var vgem = Dev.Import(Dev.Vgem, fd);
        vgem.Should().NotBe(0u);
        Dev.PanfrostWrite(pan, 0, 0x9a40_0001);
        Dev.EtnavivWrite(etna, 64, 0xe7a0_0002);
        Dev.I915Write(i915, 128, 0x1915_0003);
        var map = PrimeHelpers.Mmap(Sys, fd, 4096);
        PrimeHelpers.SyncStart(Sys, fd, write: false);
        Dev.ReadU32(map).Should().Be(0x9a40_0001u);
        Dev.ReadU32(map + 64).Should().Be(0xe7a0_0002u);
        Dev.ReadU32(map + 128).Should().Be(0x1915_0003u);
        PrimeHelpers.SyncEnd(Sys, fd, write: false);
    }
}
