using Igt.Kernel;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// The drm_mm of an MMU context, reduced to what etnaviv asks of it: first-fit insertion for relocated BOs and exact
/// insertion for softpinned ones. Ranges are [start, start + size) in bytes, page aligned. Caller holds the context lock.
/// </summary>
public sealed class EtnavivVaAllocator
{
    private readonly SortedList<ulong, ulong> _used = new();

    public EtnavivVaAllocator(ulong start, ulong end)
    {
        Start = start;
        End = end;
    }

    public ulong Start { get; }

    public ulong End { get; }

    public int Count => _used.Count;

    /// <summary>drm_mm_insert_node(): the lowest free range of <paramref name="size"/> bytes, or -ENOSPC.</summary>
    public int Insert(ulong size, out ulong addr)
    {
        addr = 0;
        if (size == 0)
            return -Errno.ENOSPC;
        var cursor = Start;
        foreach (var (s, len) in _used)
        {
            if (s >= cursor && s - cursor >= size)
                break;
            cursor = Math.Max(cursor, s + len);
        }
        if (cursor + size > End || cursor + size < cursor)
            return -Errno.ENOSPC;
        _used.Add(cursor, size);
        addr = cursor;
        return 0;
    }

    /// <summary>drm_mm_reserve_node(): exactly [addr, addr + size), or -ENOSPC when it overlaps or leaves the range.</summary>
    public int InsertExact(ulong addr, ulong size)
    {
        if (size == 0 || addr < Start || addr + size > End || addr + size < addr || Overlaps(addr, size))
            return -Errno.ENOSPC;
        _used.Add(addr, size);
        return 0;
    }

    public bool Overlaps(ulong addr, ulong size) => _used.Any(kv => kv.Key < addr + size && addr < kv.Key + kv.Value);

    public void Remove(ulong addr) => _used.Remove(addr);
}
