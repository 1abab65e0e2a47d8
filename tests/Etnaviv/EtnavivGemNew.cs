using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>etnaviv_gem_new: GEM_NEW flags and size rules, GEM_INFO and CPU mappings.</summary>
public sealed class EtnavivGemNew(ITestOutputHelper output) : EtnavivTest(output)
{
    /// <summary>The size the kernel gave the BO, as GEM_OPEN reports it.</summary>
    private ulong SizeOf(uint handle) => Gem.TryOpen(Sys, Fd, Gem.Flink(Sys, Fd, handle), out _, out var size) == 0 ? size : 0;

    [Subtest("gem-new-flags")]
    public void GemNewFlags()
    {
        foreach (var cache in new[] { EtnavivIoctls.BoCached, EtnavivIoctls.BoWc, EtnavivIoctls.BoUncached })
        {
            foreach (var extra in new[] { 0u, EtnavivIoctls.BoForceMmu })
            {
                EtnavivBo.TryNew(Sys, Fd, 4096, cache | extra, out var handle).Should().Be(0, $"flags 0x{cache | extra:x} are valid");
                handle.Should().NotBe(0u);
                Gem.Close(Sys, Fd, handle);
            }
        }
    }

    [Subtest("gem-new-invalid-flags")]
    public void GemNewInvalidFlags()
    {
        IgnoreDmesg("etnaviv etnaviv: invalid cache flag");
        EtnavivBo.TryNew(Sys, Fd, 4096, EtnavivIoctls.BoWc | 0x1, out _).Should().Be(-Errno.EINVAL, "an unknown flag bit");
        EtnavivBo.TryNew(Sys, Fd, 4096, EtnavivIoctls.BoWc | 0x0080_0000, out _).Should().Be(-Errno.EINVAL, "an unknown flag bit");
        EtnavivBo.TryNew(Sys, Fd, 4096, 0, out _).Should().Be(-Errno.EINVAL, "no cache mode");
        EtnavivBo.TryNew(Sys, Fd, 4096, EtnavivIoctls.BoForceMmu, out _).Should().Be(-Errno.EINVAL, "FORCE_MMU alone has no cache mode");
        EtnavivBo.TryNew(Sys, Fd, 4096, EtnavivIoctls.BoCached | EtnavivIoctls.BoWc, out _).Should().Be(-Errno.EINVAL, "two cache modes");
        EtnavivBo.TryNew(Sys, Fd, 4096, EtnavivIoctls.BoWc | EtnavivIoctls.BoUncached, out _).Should().Be(-Errno.EINVAL, "two cache modes");
        EtnavivBo.TryNew(Sys, Fd, 4096, 0x0008_0000, out _).Should().Be(-Errno.EINVAL, "an undefined cache mode bit");
        // Nothing was created along the way: the next handle is the first.
        EtnavivBo.New(Sys, Fd, 4096).Should().Be(1u);
    }

    [Subtest("gem-new-sizes")]
    public void GemNewSizes()
    {
        SizeOf(EtnavivBo.New(Sys, Fd, 1)).Should().Be(4096UL, "sizes round up to a page");
        SizeOf(EtnavivBo.New(Sys, Fd, 4096)).Should().Be(4096UL);
        SizeOf(EtnavivBo.New(Sys, Fd, 4097)).Should().Be(8192UL);
        SizeOf(EtnavivBo.New(Sys, Fd, 1920 * 1080 * 4)).Should().Be(8294400UL);
        // The size is a u32 inside the kernel: the upper half of the u64 is dropped.
        SizeOf(EtnavivBo.New(Sys, Fd, (1UL << 32) + 4096)).Should().Be(4096UL, "etnaviv_gem_new_handle() takes a u32 size");
        // A big BO costs nothing until touched.
        var shmem = Os.Thrash.MeminfoField(Sys, "Shmem");
        SizeOf(EtnavivBo.New(Sys, Fd, 512UL << 20)).Should().Be(512UL << 20);
        Os.Thrash.MeminfoField(Sys, "Shmem").Should().Be(shmem, "no page is allocated at creation");
    }

    [Subtest("gem-new-size-zero")]
    public void GemNewSizeZero()
    {
        IgnoreDmesg("etnaviv etnaviv: could not allocate mmap offset");
        // No minimum size check: a zero-sized BO is created...
        EtnavivBo.TryNew(Sys, Fd, 0, EtnavivIoctls.BoWc, out var handle).Should().Be(0);
        handle.Should().NotBe(0u);
        SizeOf(handle).Should().Be(0UL);
        // ...but has no mmap offset (drm_mm refuses an empty node) and cannot be mapped for the GPU either
        // (the emulation refuses it where the real driver's drm_mm does; the exact errno is not part of the test).
        EtnavivBo.TryInfo(Sys, Fd, handle, out _).Should().Be(-Errno.ENOSPC);
        IgnoreSubmitErrors();
        var cs = new EtnavivCmdStream().Nop();
        Igt.Etnaviv.EtnavivSubmit.TrySubmit(Sys, Fd, cs, [new EtnavivSubmitBo(handle)], out _).Should().BeNegative();
        Gem.Close(Sys, Fd, handle);
    }

    [Subtest("gem-info")]
    public void GemInfo()
    {
        var a = EtnavivBo.New(Sys, Fd, 8192);
        var b = EtnavivBo.New(Sys, Fd, 8192);
        var offA = EtnavivBo.MmapOffset(Sys, Fd, a);
        offA.Should().NotBe(0UL);
        (offA % 4096).Should().Be(0UL);
        EtnavivBo.MmapOffset(Sys, Fd, a).Should().Be(offA, "the offset is stable");
        EtnavivBo.MmapOffset(Sys, Fd, b).Should().NotBe(offA);
        EtnavivBo.TryInfo(Sys, Fd, a, out _, pad: 1).Should().Be(-Errno.EINVAL, "pad must be zero");
        EtnavivBo.TryInfo(Sys, Fd, 0x1234, out _).Should().Be(-Errno.ENOENT);
    }

    [Subtest("gem-mmap")]
    public void GemMmap()
    {
        var handle = EtnavivBo.New(Sys, Fd, 8192, EtnavivIoctls.BoCached);
        var map = EtnavivBo.Mmap(Sys, Fd, handle, 8192);
        EtnavivBo.ReadU32(Sys, map + 4096).Should().Be(0u, "new pages are zeroed");
        EtnavivBo.WriteU32(Sys, map + 4100, 0x12345678);
        // A second mapping sees the same pages.
        var map2 = EtnavivBo.Mmap(Sys, Fd, handle, 8192);
        EtnavivBo.ReadU32(Sys, map2 + 4100).Should().Be(0x12345678u);
        var offset = EtnavivBo.MmapOffset(Sys, Fd, handle);
        Sys.Mmap(0, 3 * 4096, Prot.ReadWrite, MapFlags.Shared, Fd, offset).Should().Be(-Errno.EINVAL, "the mapping may not exceed the BO");
    }
}
