namespace Igt.Kernel.Mm;

/// <summary>
/// A reference to a physical page as a mapping remembers it: the page frame number plus the generation the page
/// had when the reference was taken. Freeing a page bumps its generation, so an access through a stale reference
/// is detected (and reported KASAN-style) instead of silently reading someone else's data.
/// </summary>
public readonly record struct PageRef(uint Pfn, uint Generation)
{
    public static readonly PageRef None = new(uint.MaxValue, 0);

    public bool IsNone => Pfn == uint.MaxValue;

    public ulong PhysAddr => (ulong)Pfn << PageAllocator.PageShift;

    public override string ToString() => IsNone ? "pfn:none" : $"pfn:0x{Pfn:x}/g{Generation}";
}
