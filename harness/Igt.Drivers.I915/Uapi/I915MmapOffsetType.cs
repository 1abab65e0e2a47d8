namespace Igt.Drivers.I915.Uapi;

/// <summary>I915_MMAP_OFFSET_* types, and the legacy GEM_MMAP flag I915_MMAP_WC.</summary>
public static class I915MmapOffsetType
{
    public const ulong Gtt = 0;
    public const ulong Wc = 1;
    public const ulong Wb = 2;
    public const ulong Uc = 3;
    public const ulong Fixed = 4;

    /// <summary>I915_MMAP_WC: the only flag of the legacy GEM_MMAP ioctl.</summary>
    public const ulong LegacyWcFlag = 1;
}
