using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>
/// Bad input to every core ioctl gets the real kernel's errno and changes nothing else: the device's object list,
/// the file's handles and the objects' contents are the same before and after.
/// </summary>
public sealed class CoreIoctlErrors(ITestOutputHelper output) : CoreTest(output)
{
    private const ulong BadPtr = 0xdead_0000_0000UL;

    [Subtest("bad-pointer")]
    public void BadPointer()
    {
        var (fd, state) = Setup();
        foreach (var cmd in new[] { DrmIoctls.Version, DrmIoctls.GemClose, DrmIoctls.GemFlink, DrmIoctls.GemOpen, DrmIoctls.GetCap,
                     DrmIoctls.PrimeHandleToFd, DrmIoctls.PrimeFdToHandle, DrmIoctls.ModeCreateDumb, DrmIoctls.ModeMapDumb })
            Sys.Ioctl(fd, cmd, BadPtr).Should().Be(-Errno.EFAULT, $"ioctl 0x{cmd:x8} with an unmapped argument");
        Sys.Ioctl(fd, DrmIoctls.GemClose, 0).Should().Be(-Errno.EFAULT, "NULL argument");
        Unchanged(fd, state);
    }

    [Subtest("unknown-handle")]
    public void UnknownHandle()
    {
        var (fd, state) = Setup();
        Gem.TryClose(Sys, fd, 4242).Should().Be(-Errno.EINVAL);
        Gem.TryFlink(Sys, fd, 4242, out _).Should().Be(-Errno.ENOENT);
        Gem.TryOpen(Sys, fd, 4242, out _, out _).Should().Be(-Errno.ENOENT);
        Gem.TryPrimeHandleToFd(Sys, fd, 4242, 0, out _).Should().Be(-Errno.ENOENT);
        IgtVgem.TryMmapOffset(Sys, fd, 4242, out _).Should().Be(-Errno.ENOENT);
        Unchanged(fd, state);
    }

    [Subtest("bad-flags")]
    public void BadFlags()
    {
        var (fd, state) = Setup();
        var h = state.Handle;
        Gem.TryPrimeHandleToFd(Sys, fd, h, 0x40000000, out _).Should().Be(-Errno.EINVAL);
        // 6.1 to 6.12 ignore CREATE_DUMB's flags and MAP_DUMB's pad (seen on the real kernel, docs/real-kernel.md).
        var dumb = new DrmModeCreateDumb { Width = 64, Height = 64, Bpp = 32, Flags = 1 };
        DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.ModeCreateDumb, ref dumb).Should().Be(0, "flags are not checked");
        Gem.Close(Sys, fd, dumb.Handle);
        var map = new DrmModeMapDumb { Handle = h, Pad = 1 };
        DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.ModeMapDumb, ref map).Should().Be(0, "pad is not checked");
        var syncobj = new DrmSyncobjCreate();
        DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.SyncobjCreate, ref syncobj).Should().Be(-Errno.EOPNOTSUPP, "vgem has no DRIVER_SYNCOBJ");
        var cap = new DrmGetCap { Capability = DrmIoctls.CapDumbBuffer, Value = 77 };
        DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.GetCap, ref cap).Should().Be(-Errno.EOPNOTSUPP, "render-only drivers answer only a few caps");
        cap.Value.Should().Be(0, "value is zeroed before the answer");
        var ccap = new DrmSetClientCap { Capability = 1, Value = 1 };
        DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.SetClientCap, ref ccap).Should().Be(-Errno.EOPNOTSUPP);
        Unchanged(fd, state);
    }

    [Subtest("wrong-size")]
    public void WrongSize()
    {
        var (fd, state) = Setup();
        // A request encoded with a smaller struct: the kernel copies the user's size and zero-extends the rest, so a
        // GEM_CLOSE of 4 bytes still names the handle.
        using var arg = UserBuffer.Alloc(Sys, 64);
        arg.Write(0, state.Handle);
        var closeSmall = Ioc.Encode(Ioc.Write, Ioc.DrmBase, 0x09, 4);
        var flink = Ioc.Encode(Ioc.Write | Ioc.Read, Ioc.DrmBase, 0x0A, 4);
        Sys.Ioctl(fd, flink, arg.Addr).Should().Be(0, "FLINK with only the handle copied in");
        arg.Read<uint>(4).Should().Be(0, "nothing is copied out past the user's size");
        // A larger size than the kernel's struct is accepted as well: the extra bytes round-trip untouched.
        var getcapBig = Ioc.Encode(Ioc.Write | Ioc.Read, Ioc.DrmBase, 0x0C, 32);
        arg.Write(0, DrmIoctls.CapPrime);
        arg.Write(16, 0x1122334455667788UL);
        Sys.Ioctl(fd, getcapBig, arg.Addr).Should().Be(0);
        arg.Read<ulong>(8).Should().Be(3);
        arg.Read<ulong>(16).Should().Be(0x1122334455667788UL, "the user's extra bytes were copied in and back unchanged");
        Sys.Ioctl(fd, closeSmall, arg.Addr).Should().Be(-Errno.EINVAL, "handle 5 (CAP_PRIME) does not exist");
        Unchanged(fd, state, flinked: true);
    }

    [Subtest("unknown-ioctl")]
    public void UnknownIoctl()
    {
        var (fd, state) = Setup();
        Sys.Ioctl(fd, Ioc.IOWR(Ioc.DrmBase, 0x3d, 8), 0).Should().Be(-Errno.EINVAL, "core nr without a handler");
        Sys.Ioctl(fd, Ioc.IOWR(Ioc.DrmBase, 0x3f, 8), 0).Should().Be(-Errno.EFAULT, "UPDATE_DRAW is a no-op, but its argument is copied in first");
        Sys.Ioctl(fd, Ioc.IOWR(Ioc.DrmBase, 0x40, 8), 0).Should().Be(-Errno.EINVAL, "vgem has no driver ioctl 0x40");
        Sys.Ioctl(fd, Ioc.IOWR(Ioc.DrmBase, 0x9f, 8), 0).Should().Be(-Errno.EINVAL, "beyond the driver table");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        Sys.Ioctl(dmaBuf, DrmIoctls.GemClose, 0).Should().Be(-Errno.ENOTTY, "a DRM request on a dma-buf fd");
        Sys.Ioctl(999, DrmIoctls.GemClose, 0).Should().Be(-Errno.EBADF);
        Gem.Close(Sys, fd, bo.Handle);
        Sys.Close(dmaBuf);
        Unchanged(fd, state);
    }

    [Subtest("render-node-permissions")]
    public void RenderNodePermissions()
    {
        var (fd, state) = Setup();
        var render = DrmTest.OpenDriverRender(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        var name = Gem.Flink(Sys, fd, bo.Handle);
        var a = new DrmGemFlink { Handle = 1 };
        DrmIoctlHelper.Ioctl(Sys, render, DrmIoctls.GemFlink, ref a).Should().Be(-Errno.EACCES, "FLINK is not DRM_RENDER_ALLOW");
        Gem.TryOpen(Sys, render, name, out _, out _).Should().Be(-Errno.EACCES, "GEM_OPEN is not DRM_RENDER_ALLOW");
        IgtVgem.TryCreate(Sys, render, 64, 64, 32, out _).Should().Be(-Errno.EACCES, "dumb buffers need the primary node");
        // PRIME works on render nodes.
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        Gem.PrimeFdToHandle(Sys, render, dmaBuf).Should().NotBe(0);
        Gem.Close(Sys, fd, bo.Handle);
    }

    [Subtest("unauthenticated-client")]
    public void UnauthenticatedClient()
    {
        var master = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, master, 4096);
        var name = Gem.Flink(Sys, master, bo.Handle);
        // A second, non-root client of the primary node is not authenticated: FLINK/OPEN are DRM_AUTH.
        var user = new EmulatedSyscalls(Machine.Spawn("user", root: false));
        var fd = DrmTest.OpenDriver(user, "vgem");
        Gem.TryOpen(user, fd, name, out _, out _).Should().Be(-Errno.EACCES);
        var own = IgtVgem.Create(user, fd, 4096);
        Gem.TryFlink(user, fd, own.Handle, out _).Should().Be(-Errno.EACCES);
        // Root is authenticated whatever its order of opening.
        var rootFd = DrmTest.OpenDriver(Sys, "vgem");
        Gem.TryOpen(Sys, rootFd, name, out _, out _).Should().Be(0);
    }

    private sealed record State(uint Handle, string Objects, string Names, ulong Addr, ulong Size);

    private (int Fd, State State) Setup()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 16 << 10);
        var addr = IgtVgem.Mmap(Sys, fd, bo);
        IgtVgem.FillPattern(Sys, addr, bo.Size, 0x5eed);
        return (fd, new State(bo.Handle, Debugfs("gem_objects"), Debugfs("gem_names"), addr, bo.Size));
    }

    private string Debugfs(string file) => Sys.ReadTextFile($"/sys/kernel/debug/dri/0/{file}") ?? "";

    private void Unchanged(int fd, State before, bool flinked = false)
    {
        var objects = Debugfs("gem_objects");
        if (!flinked)
        {
            objects.Should().Be(before.Objects, "bad input must not change any object");
            Debugfs("gem_names").Should().Be(before.Names);
        }
        IgtVgem.CheckPattern(Sys, before.Addr, before.Size, 0x5eed).Should().Be(-1, "object contents unchanged");
        IgtVgem.TryMmapOffset(Sys, fd, before.Handle, out _).Should().Be(0, "the handle is still valid");
    }
}
