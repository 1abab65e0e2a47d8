namespace Igt.Drivers.I915.Uapi;

/// <summary>I915_USERPTR_* flags.</summary>
public static class I915UserptrFlags
{
    public const uint ReadOnly = 0x1;
    public const uint Probe = 0x2;
    public const uint Unsynchronized = 0x80000000;
}
