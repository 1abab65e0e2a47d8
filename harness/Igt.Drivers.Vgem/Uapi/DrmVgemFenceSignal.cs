using System.Runtime.InteropServices;

namespace Igt.Drivers.Vgem.Uapi;

/// <summary>struct drm_vgem_fence_signal (include/uapi/drm/vgem_drm.h).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmVgemFenceSignal
{
    public uint Fence;
    public uint Flags;
}
