namespace Igt.Kernel.Mm;

/// <summary>The swap device: fixed number of page-sized slots. Contents are copied in and out.</summary>
public sealed class SwapArea
{
    private readonly object _lock = new();
    private readonly long _totalPages;
    // Slot table grows as slots are first used (slot 0 is never handed out).
    private readonly List<byte[]?> _slots = new() { null };
    private readonly List<int> _count = new() { 0 };
    private readonly Stack<int> _free = new();
    private readonly Stack<byte[]> _spare = new();
    private int _nextUnused = 1;
    private int _used;

    public SwapArea(long bytes)
    {
        _totalPages = Math.Max(0, bytes >> PageAllocator.PageShift);
    }

    public long TotalPages => _totalPages;

    public long UsedPages => Volatile.Read(ref _used);

    /// <summary>Writes a page out. Returns false when swap is full.</summary>
    public bool TryWrite(ReadOnlySpan<byte> page, out SwapEntry entry)
    {
        lock (_lock)
        {
            int slot;
            if (_free.Count > 0)
                slot = _free.Pop();
            else if (_nextUnused <= _totalPages)
            {
                slot = _nextUnused++;
                _slots.Add(null);
                _count.Add(0);
            }
            else
            {
                entry = SwapEntry.None;
                return false;
            }
            var buf = _spare.Count > 0 ? _spare.Pop() : new byte[PageAllocator.PageSize];
            page.CopyTo(buf);
            _slots[slot] = buf;
            _count[slot] = 1;
            _used++;
            entry = new SwapEntry(slot);
            return true;
        }
    }

    /// <summary>Reads a slot back into <paramref name="page"/>; the slot stays allocated until <see cref="Free"/>.</summary>
    public bool Read(SwapEntry entry, Span<byte> page)
    {
        lock (_lock)
        {
            if (entry.IsNone || entry.Slot >= _slots.Count || _slots[entry.Slot] is not { } buf)
                return false;
            buf.CopyTo(page);
            return true;
        }
    }

    /// <summary>swap_duplicate(): one more PTE (a forked child) refers to the slot.</summary>
    public void Dup(SwapEntry entry)
    {
        lock (_lock)
        {
            if (!entry.IsNone && entry.Slot < _slots.Count && _slots[entry.Slot] is not null)
                _count[entry.Slot]++;
        }
    }

    /// <summary>Drops one reference; the slot is released with the last.</summary>
    public void Free(SwapEntry entry)
    {
        if (entry.IsNone)
            return;
        lock (_lock)
        {
            if (entry.Slot >= _slots.Count || _slots[entry.Slot] is not { } buf)
                return;
            if (--_count[entry.Slot] > 0)
                return;
            _slots[entry.Slot] = null;
            _spare.Push(buf);
            _free.Push(entry.Slot);
            _used--;
        }
    }
}
