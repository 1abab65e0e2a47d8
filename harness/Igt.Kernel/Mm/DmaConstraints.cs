namespace Igt.Kernel.Mm;

/// <summary>
/// What a DMA master needs from memory it accesses (struct device dma_parms / dma_mask / dev_is_dma_coherent):
/// whether it snoops CPU caches, whether it needs physically contiguous memory (no IOMMU in front of it) and the
/// highest physical address it can reach (exclusive). Combined over the devices attached to a dma-buf.
/// </summary>
public readonly record struct DmaConstraints(bool Coherent, bool Contiguous, ulong AddressLimit)
{
    /// <summary>A cache-coherent device behind an IOMMU reaching all memory (x86 integrated graphics).</summary>
    public static readonly DmaConstraints CoherentIommu = new(true, false, ulong.MaxValue);

    /// <summary>A non-coherent device with its own MMU (an ARM SoC GPU).</summary>
    public static readonly DmaConstraints NonCoherentIommu = new(false, false, ulong.MaxValue);

    /// <summary>The union of two devices' requirements: the placement must satisfy both.</summary>
    public DmaConstraints Union(DmaConstraints other) =>
        new(Coherent && other.Coherent, Contiguous || other.Contiguous, Math.Min(AddressLimit, other.AddressLimit));

    public bool HasPlacementRequirements => Contiguous || AddressLimit != ulong.MaxValue;

    /// <summary>True when frames <paramref name="pages"/> (in buffer order) meet the requirements.</summary>
    public bool IsSatisfiedBy(IReadOnlyList<PageRef> pages)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].IsNone)
                continue;
            if (pages[i].PhysAddr + PageAllocator.PageSize > AddressLimit)
                return false;
            if (Contiguous && i > 0 && (pages[i - 1].IsNone || pages[i].Pfn != pages[i - 1].Pfn + 1))
                return false;
        }
        return true;
    }

    public override string ToString() =>
        $"{(Coherent ? "coherent" : "non-coherent")}{(Contiguous ? ", contiguous" : "")}" +
        (AddressLimit != ulong.MaxValue ? $", below 0x{AddressLimit:x}" : "");
}
