namespace Igt.Drivers.I915.Uapi;

/// <summary>enum drm_i915_gem_engine_class (the uabi class GEM_BUSY reports).</summary>
public static class I915EngineClass
{
    public const int Render = 0;
    public const int Copy = 1;
    public const int Video = 2;
    public const int VideoEnhance = 3;
    public const int Compute = 4;
}
