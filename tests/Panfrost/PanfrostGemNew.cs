using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>panfrost_gem_new: BO creation.</summary>
public sealed class PanfrostGemNew(ITestOutputHelper output) : PanfrostTest(output)
{
    [Subtest("gem-new-4096")]
    public void GemNew4096()
    {
        var bo = GemNew(Sys, Fd, 4096);
        bo.Offset.Should().NotBe(0, "CREATE_BO returns the BO's GPU VA");
        FreeBo(Sys, Fd, bo);
    }

    [Subtest("gem-new-0")]
    public void GemNew0()
    {
        var arg = new DrmPanfrostCreateBo { Size = 0 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.CreateBo, ref arg, Errno.EINVAL);
    }

    /// <summary>A BO freed on one fd must not hand its contents to a BO created on another.</summary>
    [Subtest("gem-new-zeroed")]
    public void GemNewZeroed()
    {
        var fd2 = Open(Sys);
        // A size no other subtest uses, so it would be the one in any BO cache.
        const ulong size = 3 * 4096;
        var bo = GemNewMapped(Sys, Fd, size, fill: 0xd0);
        FreeBo(Sys, Fd, bo);

        bo = GemNew(Sys, fd2, size);
        BoMmap(Sys, fd2, bo);
        var data = bo.Read(Sys, 0, (int)size);
        for (var i = 0; i < data.Length; i += 4)
        {
            var v = BitConverter.ToUInt32(data, i);
            Core.IgtCore.AssertEq(v, 0u, $"dword {i / 4} of a new BO");
        }
        FreeBo(Sys, fd2, bo);
        Sys.Close(fd2);
    }
}
