using Igt.Drivers.Etnaviv;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>etnaviv_get_param: GET_PARAM, the perfmon queries, the core ioctls as etnaviv answers them.</summary>
public sealed class EtnavivGetParam(ITestOutputHelper output) : EtnavivTest(output)
{
    [Subtest("get-param-all")]
    public void GetParamAll() => CheckAllParams(EtnavivIommuVersion.V1, model: 0x2000, revision: 0x5108);

    [Subtest("get-param-all-mmuv2")]
    public void GetParamAllMmuV2() => CheckAllParams(EtnavivIommuVersion.V2, model: 0x7000, revision: 0x6214);

    private void CheckAllParams(EtnavivIommuVersion mmu, ulong model, ulong revision)
    {
        BootMmu(mmu);
        var values = new Dictionary<uint, ulong>();
        foreach (var p in EtnavivParams.All)
        {
            EtnavivParam.TryGet(Sys, Fd, p, out var v).Should().Be(0, $"param 0x{p:x} exists");
            values[p] = v;
        }
        values[EtnavivParams.GpuModel].Should().Be(model);
        values[EtnavivParams.GpuRevision].Should().Be(revision);
        (values[EtnavivParams.GpuFeatures0] & 0x4).Should().Be(0x4UL, "chipFeatures_PIPE_3D: the core has a 3D pipe");
        var hasV2 = (values[EtnavivParams.GpuFeatures(2)] & (1UL << 28)) != 0;
        hasV2.Should().Be(mmu == EtnavivIommuVersion.V2, "chipMinorFeatures1_MMU_VERSION tells the generation");
        values[EtnavivParams.SoftpinStartAddr].Should().Be(hasV2 ? EtnavivIoctls.SoftpinStartAddress : ulong.MaxValue);
        values[EtnavivParams.GpuStreamCount].Should().BeGreaterThan(0);
        values[EtnavivParams.GpuShaderCoreCount].Should().BeGreaterThan(0);
        values[EtnavivParams.GpuInstructionCount].Should().BeGreaterThan(0);
        // The render node answers the same.
        var render = IgtEtnaviv.OpenRender(Sys);
        EtnavivParam.Get(Sys, render, EtnavivParams.GpuModel).Should().Be(model);
    }

    [Subtest("get-param-bad-param")]
    public void GetParamBadParam()
    {
        foreach (var p in new uint[] { 0, EtnavivParams.GpuEcoId + 1, 0x100, uint.MaxValue })
            EtnavivParam.TryGet(Sys, Fd, p, out _).Should().Be(-Errno.EINVAL, $"param 0x{p:x} does not exist");
    }

    [Subtest("get-param-bad-pipe")]
    public void GetParamBadPipe()
    {
        for (uint pipe = 1; pipe < EtnavivIoctls.MaxPipes; pipe++)
            EtnavivParam.TryGet(Sys, Fd, EtnavivParams.GpuModel, out _, pipe).Should().Be(-Errno.ENXIO, $"no core on pipe {pipe}");
        EtnavivParam.TryGet(Sys, Fd, EtnavivParams.GpuModel, out _, EtnavivIoctls.MaxPipes).Should().Be(-Errno.EINVAL);
        EtnavivParam.TryGet(Sys, Fd, EtnavivParams.GpuModel, out _, uint.MaxValue).Should().Be(-Errno.EINVAL);
    }

    [Subtest("pm-query")]
    public void PmQuery()
    {
        var names = new List<string>();
        var dom = new DrmEtnavivPmDomain();
        var total = 0;
        while (dom.Iter != 0xff)
        {
            var iter = dom.Iter;
            DrmIoctlHelper.DoIoctl(Sys, Fd, EtnavivIoctls.PmQueryDom, ref dom);
            dom.Id.Should().Be(iter);
            names.Add(dom.NameString);
            dom.NrSignals.Should().BeGreaterThan(0);
            var sig = new DrmEtnavivPmSignal { Domain = dom.Id };
            var signals = 0;
            while (sig.Iter != 0xffff)
            {
                DrmIoctlHelper.DoIoctl(Sys, Fd, EtnavivIoctls.PmQuerySig, ref sig);
                sig.NameString.Should().NotBeEmpty();
                signals++;
            }
            signals.Should().Be(dom.NrSignals);
            total++;
            total.Should().BeLessThan(64, "the iteration ends");
        }
        names.Should().StartWith(["HI", "PE"]);
        var bad = new DrmEtnavivPmDomain { Iter = (byte)total };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, EtnavivIoctls.PmQueryDom, ref bad, Errno.EINVAL);
        var badSig = new DrmEtnavivPmSignal { Domain = (byte)total };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, EtnavivIoctls.PmQuerySig, ref badSig, Errno.EINVAL);
        var pipe = new DrmEtnavivPmDomain { Pipe = 2 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, EtnavivIoctls.PmQueryDom, ref pipe, Errno.ENXIO);
    }

    [Subtest("version")]
    public void Version()
    {
        DrmTest.DriverName(Sys, Fd).Should().Be("etnaviv");
        var v = new DrmVersion();
        DrmIoctlHelper.DoIoctl(Sys, Fd, DrmIoctls.Version, ref v);
        (v.VersionMajor, v.VersionMinor).Should().Be((1, 4));
    }

    [Subtest("syncobj-unsupported")]
    public void SyncobjUnsupported()
    {
        // etnaviv has no DRIVER_SYNCOBJ.
        Syncobj.TryCreate(Sys, Fd, 0, out _).Should().Be(-Errno.EOPNOTSUPP);
        var destroy = new DrmSyncobjDestroy { Handle = 1 };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, DrmIoctls.SyncobjDestroy, ref destroy, Errno.EOPNOTSUPP);
        Gem.GetCap(Sys, Fd, DrmIoctls.CapSyncobj).Should().Be(0UL);
        Gem.GetCap(Sys, Fd, DrmIoctls.CapPrime).Should().Be(3UL);
        var dumb = new DrmGetCap { Capability = DrmIoctls.CapDumbBuffer };
        DrmIoctlHelper.DoIoctlErr(Sys, Fd, DrmIoctls.GetCap, ref dumb, Errno.EOPNOTSUPP);
    }
}
