using Igt.Drm.Uapi;

namespace Igt.Drivers.Vgem.Uapi;

/// <summary>DRM_IOCTL_VGEM_* request numbers, computed from the struct sizes as vgem_drm.h does.</summary>
public static class VgemIoctls
{
    public const uint NrFenceAttach = 0x01;
    public const uint NrFenceSignal = 0x02;

    /// <summary>DRM_IOWR(0x41, struct drm_vgem_fence_attach) = 0xc0106441.</summary>
    public static readonly uint FenceAttach = Ioc.DrmIOWR<DrmVgemFenceAttach>(Ioc.DrmCommandBase + NrFenceAttach);

    /// <summary>DRM_IOW(0x42, struct drm_vgem_fence_signal) = 0x40086442.</summary>
    public static readonly uint FenceSignal = Ioc.DrmIOW<DrmVgemFenceSignal>(Ioc.DrmCommandBase + NrFenceSignal);

    /// <summary>The fence marks a write: it is exclusive (conflicts with every other fence).</summary>
    public const uint FenceWrite = 0x1;
}
