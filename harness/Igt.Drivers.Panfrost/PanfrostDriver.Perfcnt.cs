using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;

namespace Igt.Drivers.Panfrost;

/// <summary>PERFCNT_ENABLE and PERFCNT_DUMP (unstable: -ENOSYS unless panfrost.unstable_ioctls=1).</summary>
public sealed partial class PanfrostDriver
{
    private int PerfcntEnable(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostPerfcntEnable>(data);
        return Pfdev.Perfcnt.Enable(PanfrostFilePriv.Of(file), a.Enable, a.Counterset);
    }

    private int PerfcntDump(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostPerfcntDump>(data);
        return Pfdev.Perfcnt.Dump(PanfrostFilePriv.Of(file), a.BufPtr);
    }
}
