namespace Igt.Drivers.I915.Uapi;

/// <summary>drm_i915_gem_execbuffer2.flags bits (I915_EXEC_*).</summary>
public static class I915ExecFlags
{
    public const ulong RingMask = 0x3f;
    public const ulong Default = 0;
    public const ulong Render = 1;
    public const ulong Bsd = 2;
    public const ulong Blt = 3;
    public const ulong Vebox = 4;
    public const ulong ConstantsMask = 3 << 6;
    public const ulong Gen7SolReset = 1 << 8;
    public const ulong Secure = 1 << 9;
    public const ulong IsPinned = 1 << 10;
    public const ulong NoReloc = 1 << 11;
    public const ulong HandleLut = 1 << 12;
    public const ulong BsdMask = 3 << 13;
    public const ulong ResourceStreamer = 1 << 15;
    public const ulong FenceIn = 1 << 16;
    public const ulong FenceOut = 1 << 17;
    public const ulong BatchFirst = 1 << 18;
    public const ulong FenceArray = 1 << 19;
    public const ulong FenceSubmit = 1 << 20;
    public const ulong UseExtensions = 1 << 21;

    /// <summary>__I915_EXEC_UNKNOWN_FLAGS: everything above the last defined flag.</summary>
    public const ulong UnknownFlags = ~((UseExtensions << 1) - 1);
}
