using Igt.Core;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>core_hotunplug: unbinding a device with files, mappings and dma-bufs still open, and closed fds.</summary>
public sealed class CoreHotunplug(ITestOutputHelper output) : CoreTest(output)
{
    private const string Unbind = "/sys/class/drm/card0/device/driver/unbind";

    /// <summary>
    /// The real vgem is a platform device without a platform driver: there is no driver/unbind file to write
    /// (docs/real-kernel.md). Unbinding is modelled on the emulated machine only.
    /// </summary>
    private void RequireUnbind() => IgtCore.Require(Sys.IsEmulated, "a vgem driver to unbind (emulated machine only)");

    [Subtest("closed-fd")]
    public void ClosedFd()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        Sys.Close(fd).Should().Be(0);
        var cap = new Drm.Uapi.DrmGetCap { Capability = Drm.Uapi.DrmIoctls.CapPrime };
        DrmIoctlHelper.Ioctl(Sys, fd, Drm.Uapi.DrmIoctls.GetCap, ref cap).Should().Be(-Errno.EBADF);
        Sys.Close(fd).Should().Be(-Errno.EBADF, "double close of an fd");
    }

    [Subtest("hotunbind-ioctl")]
    public void HotunbindIoctl()
    {
        RequireUnbind();
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        Sys.WriteTextFile(Unbind, "vgem").Should().Be(0);
        Gem.TryClose(Sys, fd, bo.Handle).Should().Be(-Errno.ENODEV, "ioctls on a file of an unplugged device");
        IgtVgem.TryCreate(Sys, fd, 64, 64, 32, out _).Should().Be(-Errno.ENODEV);
        Sys.Open("/dev/dri/card0").Should().Be(-Errno.ENOENT, "the node is gone");
        Sys.Close(fd).Should().Be(0, "closing still works");
    }

    [Subtest("hotunbind-mapping")]
    public void HotunbindMapping()
    {
        RequireUnbind();
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 16 << 10);
        var addr = IgtVgem.Mmap(Sys, fd, bo);
        IgtVgem.FillPattern(Sys, addr, bo.Size, 3);
        Sys.WriteTextFile(Unbind, "vgem").Should().Be(0);
        var buf = new byte[4];
        Sys.Read(addr, buf).Should().Be(FaultResult.Bus, "a mapping of an unplugged device faults cleanly");
        Sys.Munmap(addr, bo.Size).Should().Be(0);
    }

    [Subtest("hotunbind-memory-freed")]
    public void HotunbindMemoryFreed()
    {
        RequireUnbind();
        var shmem = Thrash.MeminfoField(Sys, "Shmem");
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 256 << 10);
        var addr = IgtVgem.Mmap(Sys, fd, bo);
        IgtVgem.FillPattern(Sys, addr, bo.Size, 4);
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        Sys.WriteTextFile(Unbind, "vgem").Should().Be(0);
        Thrash.MeminfoField(Sys, "Shmem").Should().Be(shmem + (long)bo.Size, "memory stays while users remain");
        Sys.Close(fd);
        Sys.Munmap(addr, bo.Size);
        Thrash.MeminfoField(Sys, "Shmem").Should().Be(shmem + (long)bo.Size, "the dma-buf still holds it");
        Sys.Close(dmaBuf);
        Thrash.MeminfoField(Sys, "Shmem").Should().Be(shmem, "freed when the last user went");
    }

    [Subtest("unbind-wrong-device")]
    public void UnbindWrongDevice()
    {
        RequireUnbind();
        DrmTest.OpenDriver(Sys, "vgem");
        Sys.WriteTextFile(Unbind, "0000:00:02.0").Should().Be(-Errno.ENODEV, "unbind names a device the driver does not have");
        Sys.Open("/dev/dri/card0").Should().BeGreaterThan(0);
    }
}
