namespace Igt.Drivers.I915.Uapi;

/// <summary>I915_CACHING_* levels of SET_CACHING / GET_CACHING.</summary>
public static class I915Caching
{
    public const uint None = 0;
    public const uint Cached = 1;
    public const uint Display = 2;
}
