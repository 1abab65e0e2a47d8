namespace Igt.Kernel.Process;

/// <summary>
/// struct address_space of a mappable object (a GEM object, a dma-buf): the reverse map of the VMAs that map it,
/// so the object can zap CPU PTEs when its pages go away (unmap_mapping_range).
/// </summary>
public sealed class AddressSpace
{
    private readonly object _lock = new();
    private readonly List<Vma> _vmas = new();

    public void Link(Vma vma)
    {
        lock (_lock)
            _vmas.Add(vma);
        vma.Mapping = this;
    }

    public void Unlink(Vma vma)
    {
        lock (_lock)
            _vmas.Remove(vma);
    }

    public int MapCount
    {
        get { lock (_lock) return _vmas.Count; }
    }

    /// <summary>Zaps the PTEs of object pages [pgOff, pgOff + count) in every VMA mapping them.</summary>
    public void UnmapRange(ulong pgOff, ulong count)
    {
        Vma[] vmas;
        lock (_lock)
            vmas = _vmas.ToArray();
        foreach (var vma in vmas)
        {
            var vmaPages = vma.Length >> Mm.PageAllocator.PageShift;
            var first = Math.Max(pgOff, vma.PgOff);
            var last = Math.Min(pgOff + count, vma.PgOff + vmaPages);
            if (first >= last)
                continue;
            var start = vma.Start + ((first - vma.PgOff) << Mm.PageAllocator.PageShift);
            vma.Mm.ZapSpecialPtes(start, (last - first) << Mm.PageAllocator.PageShift);
        }
    }

    public void UnmapAll() => UnmapRange(0, ulong.MaxValue / 2);
}
