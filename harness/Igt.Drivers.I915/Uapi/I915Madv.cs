namespace Igt.Drivers.I915.Uapi;

/// <summary>I915_MADV_* advice values (PURGED is internal).</summary>
public static class I915Madv
{
    public const uint WillNeed = 0;
    public const uint DontNeed = 1;
    public const uint Purged = 2;
}
