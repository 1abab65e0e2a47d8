using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_perfcnt_enable (8 bytes), an unstable ioctl.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostPerfcntEnable
{
    public uint Enable;

    /// <summary>Counter set (0 on Midgard, 0 or 1 on Bifrost).</summary>
    public uint Counterset;
}
