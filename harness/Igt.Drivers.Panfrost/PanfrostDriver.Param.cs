using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Sync;

namespace Igt.Drivers.Panfrost;

/// <summary>GET_PARAM (panfrost_ioctl_get_param): the feature registers read at probe.</summary>
public sealed partial class PanfrostDriver
{
    /// <summary>arch_timer_get_cntfrq() of the RK3568/RK3399: 24 MHz.</summary>
    private const ulong ArchTimerHz = 24_000_000;

    private int GetParam(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostGetParam>(data);
        if (a.Pad != 0)
            return -Errno.EINVAL;
        var v = ParamValue(a.Param);
        if (v is null)
            return -Errno.EINVAL;
        a.Value = v.Value;
        return 0;
    }

    private ulong? ParamValue(uint param)
    {
        var m = Pfdev.Model;
        return (PanfrostParam)param switch
        {
            PanfrostParam.GpuProdId => m.ProdId,
            PanfrostParam.GpuRevision => m.Revision,
            PanfrostParam.ShaderPresent => m.ShaderPresent,
            PanfrostParam.TilerPresent => m.TilerPresent,
            PanfrostParam.L2Present => m.L2Present,
            PanfrostParam.StackPresent => m.StackPresent,
            PanfrostParam.AsPresent => m.AsPresent,
            PanfrostParam.JsPresent => m.JsPresent,
            PanfrostParam.L2Features => m.L2Features,
            PanfrostParam.CoreFeatures => m.CoreFeatures,
            PanfrostParam.TilerFeatures => m.TilerFeatures,
            PanfrostParam.MemFeatures => m.MemFeatures,
            PanfrostParam.MmuFeatures => m.MmuFeatures,
            PanfrostParam.ThreadFeatures => m.ThreadFeatures,
            PanfrostParam.MaxThreads => m.MaxThreads,
            PanfrostParam.ThreadMaxWorkgroupSz => m.ThreadMaxWorkgroupSz,
            PanfrostParam.ThreadMaxBarrierSz => m.ThreadMaxBarrierSz,
            PanfrostParam.CoherencyFeatures => m.CoherencyFeatures,
            >= PanfrostParam.TextureFeatures0 and <= PanfrostParam.TextureFeatures3 =>
                Feature(m.TextureFeatures, param - (uint)PanfrostParam.TextureFeatures0),
            >= PanfrostParam.JsFeatures0 and <= PanfrostParam.JsFeatures15 =>
                Feature(m.JsFeatures, param - (uint)PanfrostParam.JsFeatures0),
            PanfrostParam.NrCoreGroups => m.NrCoreGroups,
            PanfrostParam.ThreadTlsAlloc => m.ThreadTlsAlloc,
            PanfrostParam.AfbcFeatures when Minor >= 2 => m.AfbcFeatures,
            PanfrostParam.SystemTimestamp when Minor >= 3 => (ulong)(KernelTime.MonotonicNs / 1000) * (ArchTimerHz / 1_000_000),
            PanfrostParam.SystemTimestampFrequency when Minor >= 3 => ArchTimerHz,
            _ => null,
        };
    }

    private static ulong Feature(uint[] regs, uint i) => i < regs.Length ? regs[i] : 0;
}
