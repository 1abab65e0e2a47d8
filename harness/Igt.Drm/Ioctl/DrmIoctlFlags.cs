namespace Igt.Drm.Ioctl;

/// <summary>enum drm_ioctl_flags: who may call an ioctl.</summary>
[Flags]
public enum DrmIoctlFlags
{
    None = 0,
    Auth = 1,
    Master = 2,
    RootOnly = 4,
    RenderAllow = 0x20,
}
