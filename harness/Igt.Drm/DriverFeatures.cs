namespace Igt.Drm;

/// <summary>enum drm_driver_feature.</summary>
[Flags]
public enum DriverFeatures
{
    None = 0,
    Gem = 1 << 0,
    Modeset = 1 << 1,
    Render = 1 << 3,
    Atomic = 1 << 4,
    Syncobj = 1 << 5,
    SyncobjTimeline = 1 << 6,
}
