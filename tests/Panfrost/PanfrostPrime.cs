using Igt.Core;
using Igt.Drivers.Panfrost;
using Igt.Drivers.Vgem;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_prime: importing a dma-buf exported by another device. The other device here is vgem, which has dumb
/// buffers and PRIME export but, having no KMS, answers GET_CAP(DUMB_BUFFER) with -EOPNOTSUPP; dumb support is
/// therefore probed by creating one, where IGT asks the capability of a KMS device.
/// </summary>
public sealed class PanfrostPrime(ITestOutputHelper output) : PanfrostTest(output)
{
    protected override void Configure(MachineConfig config) =>
        config.WithDevice(new PanfrostSpec()).WithDevice(new VgemSpec());

    [Subtest("gem-prime-import")]
    public void GemPrimeImport()
    {
        var kmsFd = OpenOther();
        // Just to be sure the imported buffer does not land at VA 0.
        var bo = GemNew(Sys, Fd, 1024);
        var dumb = DumbCreate(kmsFd, 1024, 1024, 32);
        var dmabuf = Gem.PrimeHandleToFd(Sys, kmsFd, dumb);
        var handle = Gem.PrimeFdToHandle(Sys, Fd, dmabuf);
        GetBoOffset(Sys, Fd, handle).Should().NotBe(0, "an imported BO is mapped in the importer's address space");
        Gem.Close(Sys, Fd, handle);
        DumbDestroy(kmsFd, dumb);
        FreeBo(Sys, Fd, bo);
    }

    /// <summary>A GPU job writes through the importer's mapping; the exporter's CPU map sees the values.</summary>
    [Subtest("gem-prime-import-gpu-write")]
    public void GemPrimeImportGpuWrite()
    {
        var kmsFd = OpenOther();
        var dumb = DumbCreate(kmsFd, 64, 64, 32); // 16 KiB
        var map = DumbMap(kmsFd, dumb, 16384);
        var dmabuf = Gem.PrimeHandleToFd(Sys, kmsFd, dumb);
        var handle = Gem.PrimeFdToHandle(Sys, Fd, dmabuf);
        var va = GetBoOffset(Sys, Fd, handle);

        var desc = GemNewMapped(Sys, Fd, 4096);
        var chain = new PanfrostJobChain(desc);
        for (var i = 0; i < 4; i++)
            chain.WriteValue(va + (ulong)(i * 4096 + 8), PanfrostJobDesc.WriteImm32, 0xc0ffee00u + (uint)i);
        chain.Commit(Sys);
        var submit = PanfrostSubmission.Create(Sys, Fd, desc, chain.Head, [desc.Handle, handle]);
        submit.Submit(Sys, Fd);
        AssertCompletes(submit, Fd);
        for (var i = 0; i < 4; i++)
        {
            var b = new byte[4];
            Sys.Read(map + (ulong)(i * 4096 + 8), b).Should().Be(FaultResult.Ok);
            BitConverter.ToUInt32(b).Should().Be(0xc0ffee00u + (uint)i, $"dword written by the GPU in page {i}");
        }
        GpuFaults().Should().BeEmpty();
    }

    private int OpenOther()
    {
        var kmsFd = DrmTest.OpenDriver(Sys, "vgem");
        IgtCore.Require(HasDumb(kmsFd), "dumb buffers on the other device");
        IgtCore.Require((Gem.GetCap(Sys, kmsFd, DrmIoctls.CapPrime) & DrmIoctls.PrimeCapExport) != 0, "PRIME export on the other device");
        return kmsFd;
    }

    private bool HasDumb(int fd)
    {
        var cap = new DrmGetCap { Capability = DrmIoctls.CapDumbBuffer };
        var r = DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.GetCap, ref cap);
        (r == 0 || r == -Errno.EINVAL || r == -Errno.EOPNOTSUPP).Should().BeTrue("GET_CAP answers or refuses cleanly");
        if (cap.Value == 1)
            return true;
        var a = new DrmModeCreateDumb { Width = 1, Height = 1, Bpp = 32 };
        if (DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.ModeCreateDumb, ref a) != 0)
            return false;
        DumbDestroy(fd, a.Handle);
        return true;
    }

    private uint DumbCreate(int fd, uint width, uint height, uint bpp)
    {
        var a = new DrmModeCreateDumb { Width = width, Height = height, Bpp = bpp };
        DrmIoctlHelper.DoIoctl(Sys, fd, DrmIoctls.ModeCreateDumb, ref a);
        return a.Handle;
    }

    private ulong DumbMap(int fd, uint handle, ulong size)
    {
        var a = new DrmModeMapDumb { Handle = handle };
        DrmIoctlHelper.DoIoctl(Sys, fd, DrmIoctls.ModeMapDumb, ref a);
        var addr = Sys.Mmap(0, size, Prot.ReadWrite, MapFlags.Shared, fd, a.Offset);
        addr.Should().BePositive("mmap of the dumb buffer");
        return (ulong)addr;
    }

    private void DumbDestroy(int fd, uint handle)
    {
        var a = new DrmModeDestroyDumb { Handle = handle };
        DrmIoctlHelper.DoIoctl(Sys, fd, DrmIoctls.ModeDestroyDumb, ref a);
    }
}
