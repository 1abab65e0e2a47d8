namespace Igt.Drivers.I915.Uapi;

/// <summary>I915_TILING_* modes and I915_BIT_6_SWIZZLE_* values.</summary>
public static class I915Tiling
{
    public const uint None = 0;
    public const uint X = 1;
    public const uint Y = 2;
    public const uint Last = Y;

    public const uint SwizzleNone = 0;
    public const uint Swizzle9 = 1;
    public const uint Swizzle9And10 = 2;
    public const uint SwizzleUnknown = 5;
}
