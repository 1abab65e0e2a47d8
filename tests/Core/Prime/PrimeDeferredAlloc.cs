using Igt.Drivers.Etnaviv;
using Igt.Drivers.I915;
using Igt.Drivers.Panfrost;
using Igt.Drivers.Vgem;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Prime;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_deferred_alloc: a GEM exporter allocates backing storage at first use, after the devices that will share
/// the buffer attached, and places it where all of them reach (the 2013 "central allocator" thread). Here etnaviv
/// sits behind a 32 MiB window and the i915 has no IOMMU (needs contiguous memory); memory is arranged so an
/// unconstrained allocation would land above the window and scattered.
/// </summary>
public sealed class PrimeDeferredAlloc(ITestOutputHelper output) : PrimeTest(output)
{
    private const ulong Window = 32UL << 20;
    private const int BufferPages = 48;

    protected override void Configure(MachineConfig config)
    {
        config.WithDevice(new VgemSpec());
        config.WithDevice(new PanfrostSpec());
        config.WithDevice(new EtnavivSpec { Dma = DmaConstraints.NonCoherentIommu with { AddressLimit = Window } });
        config.WithDevice(new I915Spec { Dma = DmaConstraints.CoherentIommu with { Contiguous = true } });
    }

    [Subtest("two-devices")]
    public void TwoDevices()
    {
        var (bo, fd) = FragmentedExport();
        var etna = Dev.Import(Dev.Etnaviv, fd);
        var i915 = Dev.Import(Dev.I915, fd);
        Dev.EtnavivWrite(etna, 0, 0xe7a0_0001); // first use: the placement happens here
        Dev.I915Write(i915, 64, 0x1915_0002);
        Verify(bo, (0, 0xe7a0_0001), (64, 0x1915_0002));
    }

    [Subtest("three-devices")]
    public void ThreeDevices()
    {
        var (bo, fd) = FragmentedExport();
        var etna = Dev.Import(Dev.Etnaviv, fd);
        var i915 = Dev.Import(Dev.I915, fd);
        var pan = Dev.Import(Dev.Panfrost, fd); // panfrost maps at import: the first use, after all three attached
        Dev.PanfrostWrite(pan, 128, 0x9a40_0003);
        Dev.EtnavivWrite(etna, 0, 0xe7a0_0001);
        Dev.I915Write(i915, 64, 0x1915_0002);
        Verify(bo, (0, 0xe7a0_0001), (64, 0x1915_0002), (128, 0x9a40_0003));
    }

    /// <summary>A buffer already placed for the CPU cannot be attached by a device that cannot reach it.</summary>
    [Subtest("attach-after-placement")]
    public void AttachAfterPlacement()
    {
        var (bo, fd) = FragmentedExport();
        var map = IgtVgem.Mmap(Sys, Dev.Vgem, bo);
        for (var p = 0; p < BufferPages; p++)
            Dev.WriteU32(map + (ulong)p * 4096, (uint)p); // placed now, for the CPU alone
        PrimeHelpers.TryFdToHandle(Sys, Dev.Etnaviv, fd, out _).Should().Be(-Errno.EINVAL, "the pages lie outside etnaviv's window");
        PrimeHelpers.TryFdToHandle(Sys, Dev.I915, fd, out _).Should().Be(-Errno.EINVAL, "the pages are not contiguous");
        var pan = Dev.Import(Dev.Panfrost, fd);
        Dev.PanfrostWrite(pan, 0, 0x9a40_0004);
        Dev.ReadU32(map).Should().Be(0x9a40_0004, "a device without constraints still attaches");
    }

    /// <summary>dma-heaps allocate at once: the CMA heap's buffer suits a device without IOMMU, the system heap's does not.</summary>
    [Subtest("heap-import-contiguous-device")]
    public void HeapImportContiguousDevice()
    {
        Fragment();
        var system = Dev.HeapAlloc("system", BufferPages * 4096UL);
        PrimeHelpers.TryFdToHandle(Sys, Dev.I915, system, out _).Should().Be(-Errno.EINVAL, "system heap pages came from the scattered block");
        var cma = Dev.HeapAlloc("linux,cma", BufferPages * 4096UL);
        var h = Dev.Import(Dev.I915, cma);
        Dev.I915Write(h, 0, 0xc3a0_0005);
        var map = PrimeHelpers.Mmap(Sys, cma, BufferPages * 4096UL);
        Dev.ReadU32(map).Should().Be(0xc3a0_0005u);
    }

    /// <summary>
    /// Leaves a contiguous hole low in memory, fills memory past etnaviv's window, and frees a scattered block above
    /// it last, so a plain allocation would take the scattered, out-of-window pages. Returns an unplaced vgem export.
    /// </summary>
    private (IgtVgem.Bo Bo, int Fd) FragmentedExport()
    {
        Fragment();
        var bo = IgtVgem.Create(Sys, Dev.Vgem, BufferPages * 4096UL);
        var fd = PrimeHelpers.HandleToFdForMmap(Sys, Dev.Vgem, bo.Handle);
        Log($"buffer of {BufferPages} pages exported unplaced");
        return (bo, fd);
    }

    private void Fragment()
    {
        var hole = Touched(64 * 4096UL);
        var filler = Touched(Window);
        var above = Touched(256 * 4096UL);
        Gem.Close(Sys, Dev.Vgem, hole.Handle);
        Gem.Close(Sys, Dev.Vgem, above.Handle);
        Log($"kept {filler.Size >> 20} MiB filler between a 64-page hole and a freed scattered block above the window");
    }

    private IgtVgem.Bo Touched(ulong size)
    {
        var bo = IgtVgem.Create(Sys, Dev.Vgem, size);
        var map = IgtVgem.Mmap(Sys, Dev.Vgem, bo);
        for (ulong off = 0; off < size; off += 4096)
            Dev.WriteU32(map + off, 1);
        Sys.Munmap(map, size);
        return bo;
    }

    private void Verify(IgtVgem.Bo bo, params (ulong Offset, uint Value)[] expected)
    {
        var map = IgtVgem.Mmap(Sys, Dev.Vgem, bo);
        foreach (var (offset, value) in expected)
            Dev.ReadU32(map + offset).Should().Be(value, $"the dword at {offset} written by its device");
    }
}
