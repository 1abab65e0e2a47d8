namespace Igt.Drivers.I915.Gt;

/// <summary>
/// drm_mm for one GPU address space: non-overlapping [start, end) nodes, first fit from the bottom with alignment,
/// or an exact placement (softpin). Caller serialises (the address space's lock).
/// </summary>
public sealed class I915AddressAllocator(ulong total)
{
    private readonly List<(ulong Start, ulong End, object Owner)> _nodes = new();

    public ulong Total { get; } = total;

    public int Count => _nodes.Count;

    /// <summary>Owners of nodes overlapping [start, start + size).</summary>
    public IReadOnlyList<object> Overlapping(ulong start, ulong size)
    {
        var end = start + size;
        return _nodes.Where(n => n.Start < end && start < n.End).Select(n => n.Owner).ToList();
    }

    /// <summary>drm_mm_reserve_node: false when the range is taken or out of bounds.</summary>
    public bool Reserve(ulong start, ulong size, object owner)
    {
        if (size == 0 || start + size > Total || start + size < start || Overlapping(start, size).Count > 0)
            return false;
        InsertSorted(start, start + size, owner);
        return true;
    }

    /// <summary>drm_mm_insert_node_in_range: lowest free, aligned range inside [rangeStart, rangeEnd).</summary>
    public bool Insert(ulong size, ulong alignment, ulong rangeStart, ulong rangeEnd, object owner, out ulong start)
    {
        alignment = Math.Max(alignment, 4096);
        var candidate = Align(rangeStart, alignment);
        foreach (var n in _nodes)
        {
            if (n.End <= candidate)
                continue;
            if (n.Start >= candidate + size)
                break;
            candidate = Align(n.End, alignment);
        }
        start = candidate;
        if (candidate + size > rangeEnd || candidate + size < candidate)
            return false;
        InsertSorted(candidate, candidate + size, owner);
        return true;
    }

    public void Remove(object owner) => _nodes.RemoveAll(n => ReferenceEquals(n.Owner, owner));

    private void InsertSorted(ulong start, ulong end, object owner)
    {
        var i = 0;
        while (i < _nodes.Count && _nodes[i].Start < start)
            i++;
        _nodes.Insert(i, (start, end, owner));
    }

    private static ulong Align(ulong v, ulong a) => (v + a - 1) & ~(a - 1);
}
