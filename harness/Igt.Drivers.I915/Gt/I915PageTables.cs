using System.Buffers.Binary;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.I915.Gt;

/// <summary>
/// gen8 4-level page tables (PML4 → PDP → PD → PT, 512 eight-byte entries per page) held in pages of emulated RAM
/// (PageOwner.PageTable). An entry is <c>present | RW | pfn &lt;&lt; 12 | tag &lt;&lt; 32</c>: the physical address
/// field is limited to 4 GiB (the emulated RAM is far smaller) and bits 63:32 carry the page's generation, the
/// "KASAN tag" the GPU's accesses are checked against (as arm64 tag-based KASAN keeps tags in pointer top bits).
/// All methods except <see cref="Translate"/> are called with <see cref="Lock"/> held; nothing here allocates
/// while holding it (page-table pages come from a stash allocated beforehand, see <see cref="Populate"/>).
/// </summary>
public sealed class I915PageTables
{
    public const ulong PteValid = 1UL << 0;
    public const ulong PteRw = 1UL << 1;
    public const int VaBits = 48;
    private const int Levels = 4;
    private const int EntriesPerTable = 512;

    private readonly PageAllocator _pages;
    private readonly List<PageRef> _tables = new();
    private PageRef _pml4;

    private I915PageTables(PageAllocator pages) => _pages = pages;

    /// <summary>vm->mutex for the tables: held while entries are read or written.</summary>
    public object Lock { get; } = new();

    public int TablePages
    {
        get { lock (Lock) return _tables.Count; }
    }

    /// <summary>Allocates the PML4. 0 or -ENOMEM.</summary>
    public static int Create(PageAllocator pages, object owner, out I915PageTables? tables)
    {
        tables = null;
        if (pages.TotalPages > 1u << 20)
            return -Errno.E2BIG; // the entry format keeps pfns in 20 bits
        var t = new I915PageTables(pages);
        var err = pages.Alloc(PageOwner.PageTable, owner, GfpFlags.Zero, out t._pml4);
        if (err != 0)
            return err;
        t._tables.Add(t._pml4);
        tables = t;
        return 0;
    }

    public static ulong Encode(PageRef page, bool writable) =>
        PteValid | (writable ? PteRw : 0) | ((ulong)page.Pfn << 12) | ((ulong)page.Generation << 32);

    public static PageRef Decode(ulong entry) => new((uint)((entry >> 12) & 0xFFFFF), (uint)(entry >> 32));

    private static int Index(ulong va, int level) => (int)((va >> (12 + 9 * level)) & (EntriesPerTable - 1));

    /// <summary>
    /// Makes sure every table covering [start, start + length) exists: counts the missing ones under the lock,
    /// allocates them without it (reclaim may run and call back into the driver), installs them under the lock.
    /// </summary>
    public int Populate(ulong start, ulong length, object owner)
    {
        while (true)
        {
            int missing;
            lock (Lock)
                missing = CountMissing(start, length);
            if (missing == 0)
                return 0;
            var stash = new Stack<PageRef>();
            for (var i = 0; i < missing; i++)
            {
                var err = _pages.Alloc(PageOwner.PageTable, owner, GfpFlags.Zero | GfpFlags.NoWarn, out var p);
                if (err != 0)
                {
                    foreach (var s in stash)
                        _pages.Free(s, "i915_vm_free_pt_stash");
                    return err;
                }
                stash.Push(p);
            }
            lock (Lock)
                Install(start, length, stash);
            foreach (var s in stash)
                _pages.Free(s, "i915_vm_free_pt_stash");
        }
    }

    /// <summary>Writes the PTEs of [start, start + pages.Length pages). Tables must exist (<see cref="Populate"/>).</summary>
    public void Insert(ulong start, ReadOnlySpan<PageRef> pages, bool writable)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            var va = start + ((ulong)i << PageAllocator.PageShift);
            var pt = Walk(va, 0, create: null);
            if (pt.IsNone)
                throw new InvalidOperationException($"no page table for 0x{va:x}");
            Write(pt, Index(va, 0), Encode(pages[i], writable));
        }
    }

    /// <summary>Points [start, start + count pages) back at nothing (scratch).</summary>
    public void Clear(ulong start, ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            var va = start + (i << PageAllocator.PageShift);
            var pt = Walk(va, 0, create: null);
            if (!pt.IsNone)
                Write(pt, Index(va, 0), 0);
        }
    }

    /// <summary>
    /// The GPU's walk: reads each level through <see cref="PageAllocator.Access"/> (a stale table or page is a
    /// KASAN report). Returns false for an address with no PTE (the access goes to scratch).
    /// </summary>
    public bool Translate(ulong va, string accessor, out PageRef page, out bool writable)
    {
        page = PageRef.None;
        writable = false;
        lock (Lock)
        {
            var table = _pml4;
            if (table.IsNone)
                return false;
            for (var level = Levels - 1; level >= 0; level--)
            {
                var idx = Index(va, level);
                var data = _pages.Access(table, "gen8_ppgtt_walk", accessor, idx * 8, 8, write: false);
                var entry = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(idx * 8, 8));
                if ((entry & PteValid) == 0)
                    return false;
                if (level == 0)
                {
                    page = Decode(entry);
                    writable = (entry & PteRw) != 0;
                    return true;
                }
                table = Decode(entry);
            }
            return false;
        }
    }

    /// <summary>Frees every table page (gen8_ppgtt_cleanup). Caller holds no lock; the tables are unused.</summary>
    public void Release()
    {
        List<PageRef> tables;
        lock (Lock)
        {
            tables = _tables.ToList();
            _tables.Clear();
            _pml4 = PageRef.None;
        }
        foreach (var t in tables)
            _pages.Free(t, "gen8_ppgtt_cleanup");
    }

    private int CountMissing(ulong start, ulong length)
    {
        var missing = new HashSet<(int Level, ulong Key)>();
        ForEachPt(start, length, va =>
        {
            var table = _pml4;
            for (var level = Levels - 1; level >= 1; level--)
            {
                var entry = table.IsNone ? 0 : Read(table, Index(va, level));
                if ((entry & PteValid) == 0)
                {
                    // This table and every one below it are missing.
                    for (var l = level - 1; l >= 0; l--)
                        missing.Add((l, va >> (12 + 9 * (l + 1))));
                    return;
                }
                table = Decode(entry);
            }
        });
        return missing.Count;
    }

    private void Install(ulong start, ulong length, Stack<PageRef> stash) =>
        ForEachPt(start, length, va => Walk(va, 0, stash));

    /// <summary>Walks to the table at <paramref name="targetLevel"/> for <paramref name="va"/>, creating from the stash.</summary>
    private PageRef Walk(ulong va, int targetLevel, Stack<PageRef>? create)
    {
        var table = _pml4;
        for (var level = Levels - 1; level > targetLevel; level--)
        {
            if (table.IsNone)
                return PageRef.None;
            var idx = Index(va, level);
            var entry = Read(table, idx);
            if ((entry & PteValid) == 0)
            {
                if (create is null || create.Count == 0)
                    return PageRef.None;
                var fresh = create.Pop();
                _tables.Add(fresh);
                entry = Encode(fresh, writable: true);
                Write(table, idx, entry);
            }
            table = Decode(entry);
        }
        return table;
    }

    private static void ForEachPt(ulong start, ulong length, Action<ulong> body)
    {
        const ulong ptSpan = 1UL << 21;
        var end = start + Math.Max(length, 1);
        for (var va = start & ~(ptSpan - 1); va < end; va += ptSpan)
            body(va);
    }

    private ulong Read(PageRef table, int idx) => BinaryPrimitives.ReadUInt64LittleEndian(_pages.Data(table).Slice(idx * 8, 8));

    private void Write(PageRef table, int idx, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(_pages.Data(table).Slice(idx * 8, 8), value);
}
