using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>gem_flink_basic: global names for GEM objects.</summary>
public sealed class GemFlinkBasic(ITestOutputHelper output) : CoreTest(output)
{
    private uint CreateBo(int fd, uint size = 4096)
    {
        var a = new DrmModeCreateDumb { Width = size / 4, Height = 1, Bpp = 32 };
        DrmIoctlHelper.DoIoctl(Sys, fd, DrmIoctls.ModeCreateDumb, ref a);
        return a.Handle;
    }

    [Subtest("basic")]
    public void Basic()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var handle = CreateBo(fd);
        var name = Gem.Flink(Sys, fd, handle);
        name.Should().BeGreaterThan(0);
        var h2 = Gem.Open(Sys, fd, name);
        h2.Should().NotBe(0);
        Gem.TryOpen(Sys, fd, name, out _, out var size).Should().Be(0);
        size.Should().Be(4096);
    }

    [Subtest("double-flink")]
    public void DoubleFlink()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var handle = CreateBo(fd);
        var n1 = Gem.Flink(Sys, fd, handle);
        var n2 = Gem.Flink(Sys, fd, handle);
        n2.Should().Be(n1, "flinking the same object twice gives the same name");
    }

    [Subtest("bad-flink")]
    public void BadFlink()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var a = new DrmGemFlink { Handle = 0x10101010 };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, DrmIoctls.GemFlink, ref a, Errno.ENOENT);
    }

    [Subtest("bad-open")]
    public void BadOpen()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var a = new DrmGemOpen { Name = 0x10101010 };
        DrmIoctlHelper.DoIoctlErr(Sys, fd, DrmIoctls.GemOpen, ref a, Errno.ENOENT);
    }

    [Subtest("flink-lifetime")]
    public void FlinkLifetime()
    {
        var fd1 = DrmTest.OpenDriver(Sys, "vgem");
        var fd2 = DrmTest.OpenDriver(Sys, "vgem");
        var handle = CreateBo(fd2);
        var name = Gem.Flink(Sys, fd2, handle);
        var h1 = Gem.Open(Sys, fd1, name);
        Sys.Close(fd2).Should().Be(0);
        // The name stays valid while fd1 holds a handle.
        Gem.TryOpen(Sys, fd1, name, out _, out _).Should().Be(0);
        Gem.Close(Sys, fd1, h1);
    }
}
