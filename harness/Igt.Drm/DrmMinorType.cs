namespace Igt.Drm;

public enum DrmMinorType
{
    Primary,
    Render,
}
