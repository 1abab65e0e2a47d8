namespace Igt.Drivers.I915.Uapi;

/// <summary>drm_i915_gem_exec_object2.flags bits (EXEC_OBJECT_*).</summary>
public static class ExecObjectFlags
{
    public const ulong NeedsFence = 1 << 0;
    public const ulong NeedsGtt = 1 << 1;
    public const ulong Write = 1 << 2;
    public const ulong Supports48BAddress = 1 << 3;
    public const ulong Pinned = 1 << 4;
    public const ulong PadToSize = 1 << 5;
    public const ulong Async = 1 << 6;
    public const ulong Capture = 1 << 7;

    /// <summary>__EXEC_OBJECT_UNKNOWN_FLAGS.</summary>
    public const ulong UnknownFlags = ~((Capture << 1) - 1);
}
