using Igt.Drivers.I915.Uapi;

namespace Igt.I915;

/// <summary>struct mmap_offset of lib/i915/gem_mman.h: the types for_each_mmap_offset_type walks, with their domain.</summary>
public sealed record MmapOffsetType(string Name, ulong Type, uint Domain)
{
    public static readonly IReadOnlyList<MmapOffsetType> All =
    [
        new("gtt", I915MmapOffsetType.Gtt, I915GemDomain.Gtt),
        new("wb", I915MmapOffsetType.Wb, I915GemDomain.Cpu),
        new("wc", I915MmapOffsetType.Wc, I915GemDomain.Wc),
        new("uc", I915MmapOffsetType.Uc, I915GemDomain.Wc),
        new("fixed", I915MmapOffsetType.Fixed, 0),
    ];

    public override string ToString() => Name;
}
