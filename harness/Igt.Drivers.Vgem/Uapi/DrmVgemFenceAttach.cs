using System.Runtime.InteropServices;

namespace Igt.Drivers.Vgem.Uapi;

/// <summary>struct drm_vgem_fence_attach (include/uapi/drm/vgem_drm.h).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmVgemFenceAttach
{
    public uint Handle;
    public uint Flags;
    public uint OutFence;
    public uint Pad;
}
