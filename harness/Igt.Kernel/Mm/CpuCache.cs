namespace Igt.Kernel.Mm;

/// <summary>
/// The CPU data cache for memory that a non-coherent device also accesses (an ARM SoC without I/O coherency).
/// CPU loads and stores through cached mappings of such memory hit 64-byte lines kept here: stores stay dirty in the
/// cache until cleaned, and a line filled before a device wrote memory keeps the old data until invalidated. Lines
/// are never evicted on their own, so a missing maintenance step gives wrong data every time, not once in a while.
/// Device accesses go to memory (<see cref="PageAllocator.Access"/>) and never see the cache.
/// </summary>
public sealed class CpuCache
{
    public const int LineSize = 64;
    private const int LinesPerPage = PageAllocator.PageSize / LineSize;

    private readonly object _lock = new();
    private readonly Dictionary<ulong, Line> _lines = new();
    private readonly PageAllocator _pages;
    private long _cleaned;
    private long _invalidated;

    public CpuCache(PageAllocator pages) => _pages = pages;

    public int LineCount
    {
        get { lock (_lock) return _lines.Count; }
    }

    public int DirtyLineCount
    {
        get { lock (_lock) return _lines.Values.Count(l => l.Dirty); }
    }

    /// <summary>Lines written back / dropped by maintenance so far (for tests of the maintenance path).</summary>
    public long CleanedLines => Interlocked.Read(ref _cleaned);

    public long InvalidatedLines => Interlocked.Read(ref _invalidated);

    /// <summary>A cached CPU load: hits return the line, misses fill it from memory first.</summary>
    public void Read(PageRef page, Span<byte> memory, int offset, Span<byte> dst)
    {
        lock (_lock)
        {
            var done = 0;
            while (done < dst.Length)
            {
                var off = offset + done;
                var line = GetOrFill(page, memory, off / LineSize);
                var inLine = off % LineSize;
                var n = Math.Min(dst.Length - done, LineSize - inLine);
                line.Data.AsSpan(inLine, n).CopyTo(dst.Slice(done, n));
                done += n;
            }
        }
    }

    /// <summary>A cached CPU store (write-allocate, write-back): the line becomes dirty; memory is untouched.</summary>
    public void Write(PageRef page, Span<byte> memory, int offset, ReadOnlySpan<byte> src)
    {
        lock (_lock)
        {
            var done = 0;
            while (done < src.Length)
            {
                var off = offset + done;
                var line = GetOrFill(page, memory, off / LineSize);
                var inLine = off % LineSize;
                var n = Math.Min(src.Length - done, LineSize - inLine);
                src.Slice(done, n).CopyTo(line.Data.AsSpan(inLine, n));
                line.Dirty = true;
                done += n;
            }
        }
    }

    /// <summary>Clean (dma_sync_*_for_device, DMA_TO_DEVICE): dirty lines of the page range go to memory.</summary>
    public void Clean(PageRef page, int offset = 0, int length = PageAllocator.PageSize) =>
        Maintain(page, offset, length, clean: true, invalidate: false);

    /// <summary>Invalidate (dma_sync_*_for_cpu, DMA_FROM_DEVICE): lines are dropped, dirty data with them.</summary>
    public void Invalidate(PageRef page, int offset = 0, int length = PageAllocator.PageSize) =>
        Maintain(page, offset, length, clean: false, invalidate: true);

    /// <summary>Clean then invalidate (DMA_BIDIRECTIONAL).</summary>
    public void CleanInvalidate(PageRef page, int offset = 0, int length = PageAllocator.PageSize) =>
        Maintain(page, offset, length, clean: true, invalidate: true);

    /// <summary>The frame was freed: its lines go without write-back (the allocator's maintenance on reuse).</summary>
    internal void DropFrame(uint pfn)
    {
        lock (_lock)
        {
            if (_lines.Count == 0)
                return;
            for (var i = 0; i < LinesPerPage; i++)
                _lines.Remove(Key(pfn, i));
        }
    }

    private void Maintain(PageRef page, int offset, int length, bool clean, bool invalidate)
    {
        if (page.IsNone)
            return;
        lock (_lock)
        {
            if (_lines.Count == 0)
                return;
            var first = offset / LineSize;
            var last = Math.Min(LinesPerPage - 1, (offset + length - 1) / LineSize);
            Span<byte> memory = default;
            for (var i = first; i <= last; i++)
            {
                var key = Key(page.Pfn, i);
                if (!_lines.TryGetValue(key, out var line))
                    continue;
                if (clean && line.Dirty)
                {
                    if (memory.IsEmpty)
                        memory = _pages.Access(page, "dma_sync_single_for_device", "cache", i * LineSize, LineSize, write: true);
                    line.Data.CopyTo(memory.Slice(i * LineSize, LineSize));
                    line.Dirty = false;
                    Interlocked.Increment(ref _cleaned);
                }
                if (invalidate)
                {
                    _lines.Remove(key);
                    Interlocked.Increment(ref _invalidated);
                }
            }
        }
    }

    private Line GetOrFill(PageRef page, Span<byte> memory, int lineIndex)
    {
        var key = Key(page.Pfn, lineIndex);
        if (!_lines.TryGetValue(key, out var line))
        {
            line = new Line();
            memory.Slice(lineIndex * LineSize, LineSize).CopyTo(line.Data);
            _lines[key] = line;
        }
        return line;
    }

    private static ulong Key(uint pfn, int line) => (ulong)pfn << 6 | (uint)line;

    private sealed class Line
    {
        public readonly byte[] Data = new byte[LineSize];
        public bool Dirty;
    }
}
