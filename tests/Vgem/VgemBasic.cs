using Igt.Core;
using Igt.Drivers.Vgem.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Vgem;

/// <summary>vgem_basic: the vgem uAPI (dumb buffers, mmap, PRIME, fences) and its error paths.</summary>
public sealed class VgemBasic(ITestOutputHelper output) : VgemTest(output)
{
    [Subtest("setversion")]
    public void SetVersion()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        // Interface 1.4 is below DRM_IF_MINOR; -1 means "any driver version".
        var sv = new DrmSetVersion { DiMajor = 1, DiMinor = 4, DdMajor = -1, DdMinor = -1 };
        DrmIoctlHelper.IoctlRaw(Sys, fd, DrmIoctls.SetVersion, ref sv).Should().Be(0);
        Log($"vgem DRM interface v{sv.DiMajor}.{sv.DiMinor}, device v{sv.DdMajor}.{sv.DdMinor}");
        sv.DiMajor.Should().Be(1, "the core answers with its interface version");
        sv.DdMajor.Should().Be(1, "vgem is driver version 1.0");
    }

    [Subtest("second-client")]
    public void SecondClient()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var primary = DrmTest.OpenDriver(Sys, "vgem");
        Sys.Close(primary).Should().Be(0);
        var render = DrmTest.OpenDriverRender(Sys, "vgem");
        Sys.Close(render).Should().Be(0);
        DrmTest.DriverName(Sys, fd).Should().Be("vgem", "the first client is unaffected");
    }

    [Subtest("create")]
    public void Create()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        IgtVgem.TryCreate(Sys, fd, 0, 0, 0, out _).Should().Be(-Errno.EINVAL);

        foreach (var (w, h, bpp, size) in new (uint, uint, uint, ulong)[] { (1, 1, 1, 4096), (1024, 1024, 8, 1 << 20), (1 << 15, 1 << 15, 16, 1UL << 31) })
        {
            IgtVgem.TryCreate(Sys, fd, w, h, bpp, out var bo).Should().Be(0, $"{w}x{h}x{bpp}");
            bo.Size.Should().Be(size, $"{w}x{h}x{bpp} is page aligned");
            Gem.Close(Sys, fd, bo.Handle);
        }
    }

    [Subtest("mmap")]
    public void Mmap()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        IgtVgem.TryCreate(Sys, fd, 1024, 1024, 32, out var bo).Should().Be(0);
        var ptr = IgtVgem.Mmap(Sys, fd, bo);
        // The mapping keeps the object alive after its handle is closed.
        Gem.Close(Sys, fd, bo.Handle);
        for (ulong page = 0; page < bo.Size >> 12; page++)
            Sys.Write(ptr + page * 4096, BitConverter.GetBytes((uint)page)).Should().Be(FaultResult.Ok);
        var word = new byte[4];
        Sys.Read(ptr + 7 * 4096, word).Should().Be(FaultResult.Ok);
        BitConverter.ToUInt32(word).Should().Be(7);
        Sys.Munmap(ptr, bo.Size).Should().Be(0);
    }

    [Subtest("bad-flag")]
    public void BadFlag()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var attach = new DrmVgemFenceAttach { Flags = 0xff };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, VgemIoctls.FenceAttach, ref attach, Errno.EINVAL);
        var signal = new DrmVgemFenceSignal { Flags = 0xff };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, VgemIoctls.FenceSignal, ref signal, Errno.EINVAL);
    }

    [Subtest("bad-pad")]
    public void BadPad()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var arg = new DrmVgemFenceAttach { Pad = 1 };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, VgemIoctls.FenceAttach, ref arg, Errno.EINVAL);
    }

    [Subtest("bad-handle")]
    public void BadHandle()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var arg = new DrmVgemFenceAttach { Handle = 0xff };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, VgemIoctls.FenceAttach, ref arg, Errno.ENOENT);
    }

    [Subtest("bad-fence")]
    public void BadFence()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var arg = new DrmVgemFenceSignal { Fence = 0xff };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, VgemIoctls.FenceSignal, ref arg, Errno.ENOENT);
        // A consumed fence is as unknown as one that never existed.
        var bo = IgtVgem.Create(Sys, fd, 4096);
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, 0);
        IgtVgem.FenceSignal(Sys, fd, fence);
        IgtVgem.TryFenceSignal(Sys, fd, fence).Should().Be(-Errno.ENOENT, "signalling consumes the fence id");
        IgtVgem.TryFenceSignal(Sys, fd, 0).Should().Be(-Errno.ENOENT, "ids start at 1");
    }

    [Subtest("busy-fence")]
    public void BusyFence()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        var read = IgtVgem.FenceAttach(Sys, fd, bo, 0);
        // A write fence is exclusive: the unsignalled read fence conflicts.
        var arg = new DrmVgemFenceAttach { Handle = bo.Handle, Flags = VgemIoctls.FenceWrite };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, VgemIoctls.FenceAttach, ref arg, Errno.EBUSY);
        // Readers share: a second read fence is fine.
        var read2 = IgtVgem.FenceAttach(Sys, fd, bo, 0);
        read2.Should().Be(read + 1, "fence ids count up from the first");
        IgtVgem.FenceSignal(Sys, fd, read);
        IgtVgem.TryFenceAttach(Sys, fd, bo.Handle, VgemIoctls.FenceWrite, out _).Should().Be(-Errno.EBUSY, "one reader is still busy");
        IgtVgem.FenceSignal(Sys, fd, read2);
        var write = IgtVgem.FenceAttach(Sys, fd, bo, VgemIoctls.FenceWrite);
        IgtVgem.TryFenceAttach(Sys, fd, bo.Handle, 0, out _).Should().Be(-Errno.EBUSY, "a reader conflicts with a writer");
        IgtVgem.FenceSignal(Sys, fd, write);
    }

    [Subtest("dmabuf-export")]
    public void DmabufExport()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var other = DrmTest.OpenDriver(Sys, "vgem");
        IgtCore.Require((Gem.GetCap(Sys, other, DrmIoctls.CapPrime) & DrmIoctls.PrimeCapImport) != 0, "PRIME import");
        IgtVgem.TryCreate(Sys, fd, 1024, 1, 32, out var bo).Should().Be(0);
        var dmabuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        Gem.Close(Sys, fd, bo.Handle);
        // The dma-buf holds the object after the exporter's handle is gone.
        var handle = Gem.PrimeFdToHandle(Sys, other, dmabuf);
        handle.Should().NotBe(0);
        Sys.Close(dmabuf).Should().Be(0);
        Gem.Close(Sys, other, handle);
        Sys.Close(other).Should().Be(0);
    }

    [Subtest("dmabuf-mmap")]
    public void DmabufMmap()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        IgtVgem.TryCreate(Sys, fd, 1024, 1024, 32, out var bo).Should().Be(0);
        var export = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        var ptr = Sys.Mmap(0, bo.Size, Prot.Write, MapFlags.Shared, export, 0);
        Sys.Close(export);
        ptr.Should().BeGreaterThan(0, "a DRM_RDWR dma-buf maps writable");
        for (ulong page = 0; page < bo.Size >> 12; page++)
            Sys.Write((ulong)ptr + page * 4096, BitConverter.GetBytes((uint)page)).Should().Be(FaultResult.Ok);
        Sys.Munmap((ulong)ptr, bo.Size).Should().Be(0);

        var map = IgtVgem.Mmap(Sys, fd, bo);
        Gem.Close(Sys, fd, bo.Handle);
        var word = new byte[4];
        for (ulong page = 0; page < bo.Size >> 12; page++)
        {
            Sys.Read(map + page * 4096, word).Should().Be(FaultResult.Ok);
            BitConverter.ToUInt32(word).Should().Be((uint)page, "the GEM mapping sees what the dma-buf mapping wrote");
        }
        Sys.Munmap(map, bo.Size);
    }

    [Subtest("dmabuf-fence")]
    public void DmabufFence()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        IgtVgem.RequireFences(Sys, fd);
        var bo = IgtVgem.Create(Sys, fd, 4096);
        var dmabuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        CheckFenceInterop(fd, bo, dmabuf);
        Sys.Close(dmabuf);
        Gem.Close(Sys, fd, bo.Handle);
    }

    [Subtest("dmabuf-fence-before")]
    public void DmabufFenceBefore()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        IgtVgem.RequireFences(Sys, fd);
        foreach (var flags in new[] { 0u, VgemIoctls.FenceWrite })
        {
            // Fence first, export after: the dma-buf shares the object's reservation, fences included.
            var bo = IgtVgem.Create(Sys, fd, 4096);
            var fence = IgtVgem.FenceAttach(Sys, fd, bo, flags);
            var dmabuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
            IgtVgem.PrimeBusy(Sys, dmabuf, excl: false).Should().Be(flags != 0, "readers wait only for a writer");
            IgtVgem.PrimeBusy(Sys, dmabuf, excl: true).Should().BeTrue("a writer waits for every fence");
            IgtVgem.FenceSignal(Sys, fd, fence);
            IgtVgem.PrimeBusy(Sys, dmabuf, excl: false).Should().BeFalse();
            IgtVgem.PrimeBusy(Sys, dmabuf, excl: true).Should().BeFalse();
            Sys.Close(dmabuf);
            Gem.Close(Sys, fd, bo.Handle);
        }
    }

    private void CheckFenceInterop(int fd, IgtVgem.Bo bo, int dmabuf)
    {
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, 0);
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: false).Should().BeFalse("a read fence does not block readers");
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: true).Should().BeTrue("a read fence blocks writers");
        IgtVgem.FenceSignal(Sys, fd, fence);
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: false).Should().BeFalse();
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: true).Should().BeFalse();

        fence = IgtVgem.FenceAttach(Sys, fd, bo, VgemIoctls.FenceWrite);
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: false).Should().BeTrue("a write fence blocks readers");
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: true).Should().BeTrue();
        IgtVgem.FenceSignal(Sys, fd, fence);
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: false).Should().BeFalse();
        IgtVgem.PrimeBusy(Sys, dmabuf, excl: true).Should().BeFalse();
    }
}
