namespace Igt.Drivers.Panfrost;

/// <summary>
/// drm_mm, the range allocator of a GPU address space, in pages. Best-fit (DRM_MM_INSERT_BEST): the smallest hole
/// that fits the size after alignment, node placed at the bottom of the hole. Alignment may be any number of pages
/// (drm_mm aligns with a modulo). A colour adjust hook lets the driver shrink a hole for some colours.
/// Not thread-safe: the owner holds its mm_lock.
/// </summary>
public sealed class DrmMm
{
    private readonly SortedList<ulong, DrmMmNode> _nodes = new();

    public DrmMm(ulong start, ulong size)
    {
        Start = start;
        End = start + size;
    }

    public ulong Start { get; }

    public ulong End { get; }

    /// <summary>drm_mm.color_adjust: narrows a hole [start, end) for a node of <c>color</c>.</summary>
    public delegate void ColorAdjustFn(ulong color, ref ulong start, ref ulong end);

    public ColorAdjustFn? Adjust { get; init; }

    public int NodeCount => _nodes.Count;

    /// <summary>drm_mm_insert_node_generic(): 0, or -ENOSPC when no hole fits.</summary>
    public int Insert(ulong size, ulong alignment, ulong color, out DrmMmNode? node)
    {
        node = null;
        if (size == 0)
            return -Kernel.Errno.EINVAL;
        (ulong Start, ulong Size)? best = null;
        foreach (var (holeStart, holeEnd) in Holes())
        {
            var start = holeStart;
            var end = holeEnd;
            Adjust?.Invoke(color, ref start, ref end);
            if (alignment > 1 && start % alignment != 0)
                start += alignment - start % alignment;
            if (start >= end || end - start < size)
                continue;
            var holeSize = holeEnd - holeStart;
            if (best is null || holeSize < best.Value.Size)
                best = (start, holeSize);
        }
        if (best is null)
            return -Kernel.Errno.ENOSPC;
        node = new DrmMmNode(best.Value.Start, size, color);
        _nodes.Add(node.Start, node);
        return 0;
    }

    /// <summary>drm_mm_remove_node().</summary>
    public void Remove(DrmMmNode node)
    {
        if (_nodes.TryGetValue(node.Start, out var n) && ReferenceEquals(n, node))
            _nodes.Remove(node.Start);
        node.Allocated = false;
    }

    /// <summary>The node covering page <paramref name="page"/>, or null.</summary>
    public DrmMmNode? Find(ulong page)
    {
        // Nodes are disjoint and sorted: binary search for the last node starting at or below the page.
        var keys = _nodes.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] <= page)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        if (found < 0)
            return null;
        var node = _nodes.Values[found];
        return page < node.Start + node.Size ? node : null;
    }

    private IEnumerable<(ulong Start, ulong End)> Holes()
    {
        var cursor = Start;
        foreach (var n in _nodes.Values)
        {
            if (n.Start > cursor)
                yield return (cursor, n.Start);
            cursor = n.Start + n.Size;
        }
        if (cursor < End)
            yield return (cursor, End);
    }
}
