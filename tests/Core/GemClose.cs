using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>gem_close: handle lifecycle.</summary>
public sealed class GemClose(ITestOutputHelper output) : CoreTest(output)
{
    [Subtest("basic")]
    public void Basic()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        Gem.TryClose(Sys, fd, bo.Handle).Should().Be(0);
    }

    [Subtest("double-close")]
    public void DoubleClose()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        Gem.TryClose(Sys, fd, bo.Handle).Should().Be(0);
        Gem.TryClose(Sys, fd, bo.Handle).Should().Be(-Errno.EINVAL, "a closed handle is unknown");
    }

    [Subtest("bad-close")]
    public void BadClose()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        Gem.TryClose(Sys, fd, 0).Should().Be(-Errno.EINVAL);
        Gem.TryClose(Sys, fd, 0xdeadbeef).Should().Be(-Errno.EINVAL);
    }

    [Subtest("handle-numbering")]
    public void HandleNumbering()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var a = IgtVgem.Create(Sys, fd, 4096);
        var b = IgtVgem.Create(Sys, fd, 4096);
        a.Handle.Should().Be(1, "handles start at 1");
        b.Handle.Should().Be(2);
        Gem.Close(Sys, fd, a.Handle);
        // idr_alloc gives the lowest free id: a closed handle number is reused, an open one never is.
        var c = IgtVgem.Create(Sys, fd, 4096);
        c.Handle.Should().Be(1);
        var d = IgtVgem.Create(Sys, fd, 4096);
        d.Handle.Should().Be(3);
    }

    [Subtest("close-frees-memory")]
    public void CloseFreesMemory()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var shmemBefore = Thrash.MeminfoField(Sys, "Shmem");
        var bo = IgtVgem.Create(Sys, fd, 1 << 20);
        var addr = IgtVgem.Mmap(Sys, fd, bo);
        IgtVgem.FillPattern(Sys, addr, bo.Size, 7);
        Thrash.MeminfoField(Sys, "Shmem").Should().Be(shmemBefore + (long)bo.Size);
        Gem.Close(Sys, fd, bo.Handle);
        // The mapping still holds the object.
        IgtVgem.CheckPattern(Sys, addr, bo.Size, 7).Should().Be(-1);
        Sys.Munmap(addr, bo.Size).Should().Be(0);
        Thrash.MeminfoField(Sys, "Shmem").Should().Be(shmemBefore, "the last reference freed the pages");
    }
}
