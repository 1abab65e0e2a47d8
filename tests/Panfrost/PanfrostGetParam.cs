using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>panfrost_get_param: GPU identification and features.</summary>
public sealed class PanfrostGetParam(ITestOutputHelper output) : PanfrostTest(output)
{
    [Subtest("base-params")]
    public void BaseParams()
    {
        const int lastBaseParam = (int)PanfrostParam.GpuProdId;
        var results = new ulong[lastBaseParam + 1];
        for (var i = 0; i < results.Length; i++)
            results[i] = GetParam(Sys, Fd, (PanfrostParam)i);
        results[(int)PanfrostParam.GpuProdId].Should().NotBe(0, "a GPU has a product id");
    }

    [Subtest("get-bad-param")]
    public void GetBadParam()
    {
        var get = new DrmPanfrostGetParam { Param = 0xd0d0d0d0 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.GetParam, ref get, Errno.EINVAL);
    }

    [Subtest("get-bad-padding")]
    public void GetBadPadding()
    {
        var get = new DrmPanfrostGetParam { Param = (uint)PanfrostParam.GpuProdId, Pad = 1 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, PanfrostIoctls.GetParam, ref get, Errno.EINVAL);
    }
}
