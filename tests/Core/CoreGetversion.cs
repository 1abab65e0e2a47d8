using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>core_getversion: DRM_IOCTL_VERSION and the two-call pattern for its strings.</summary>
public sealed class CoreGetversion(ITestOutputHelper output) : CoreTest(output)
{
    [Subtest("basic")]
    public void Basic()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        DrmTest.DriverName(Sys, fd).Should().Be("vgem");
    }

    [Subtest("lengths-and-truncation")]
    public void LengthsAndTruncation()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var v = new DrmVersion();
        DrmIoctlHelper.DoIoctl(Sys, fd, DrmIoctls.Version, ref v);
        v.NameLen.Should().Be(4);
        v.DescLen.Should().Be((ulong)"Virtual GEM provider".Length);
        v.DateLen.Should().Be(8);
        v.VersionMajor.Should().Be(1);

        // A short buffer gets a truncated copy and the full length back; bytes past it are untouched.
        using var buf = UserBuffer.Alloc(Sys, 16);
        buf.WriteBytes(0, "XXXXXXXX"u8);
        v = new DrmVersion { DescLen = 3, Desc = buf.Addr };
        DrmIoctlHelper.DoIoctl(Sys, fd, DrmIoctls.Version, ref v);
        v.DescLen.Should().Be(20);
        var got = new byte[8];
        buf.ReadBytes(0, got);
        System.Text.Encoding.ASCII.GetString(got).Should().Be("VirXXXXX");
    }

    [Subtest("bad-string-pointer")]
    public void BadStringPointer()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var v = new DrmVersion { NameLen = 4, Name = 0xdead_0000_0000 };
        DrmIoctlHelper.Ioctl(Sys, fd, DrmIoctls.Version, ref v).Should().Be(-Errno.EFAULT);
    }

    [Subtest("get-cap")]
    public void GetCap()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        Gem.GetCap(Sys, fd, DrmIoctls.CapPrime).Should().Be(3, "import and export");
        Gem.GetCap(Sys, fd, DrmIoctls.CapTimestampMonotonic).Should().Be(1);
        Gem.GetCap(Sys, fd, DrmIoctls.CapSyncobj).Should().Be(0, "vgem has no DRIVER_SYNCOBJ");
    }
}
