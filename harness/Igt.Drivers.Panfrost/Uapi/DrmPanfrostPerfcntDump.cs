using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_perfcnt_dump (8 bytes), an unstable ioctl.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostPerfcntDump
{
    /// <summary>User pointer the counters are copied to.</summary>
    public ulong BufPtr;
}
