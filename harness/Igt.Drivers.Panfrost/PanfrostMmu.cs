using Igt.Drivers.Panfrost.Uapi;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// struct panfrost_mmu: one GPU address space (one per open file), refcounted by its file, its mappings and the
/// jobs running in it. Owns the VA allocator (drm_mm over [32 MiB, 4 GiB - 32 MiB)) and the page tables. The GPU
/// walks the tables through <see cref="Access"/>; the hardware address-space slot it runs in is assigned by
/// <see cref="PanfrostAddressSpaces"/>.
/// </summary>
public sealed class PanfrostMmu
{
    public const ulong VaStartPage = (32UL << 20) >> PageAllocator.PageShift;
    public const ulong VaEndPage = ((4UL << 30) - (32UL << 20)) >> PageAllocator.PageShift;

    private const ulong Pfn4G = 1UL << (32 - PageAllocator.PageShift);
    private const ulong Pfn16M = 1UL << (24 - PageAllocator.PageShift);

    /// <summary>The accessor KASAN names for a GPU access from each job slot.</summary>
    private static readonly string[] SlotAccessors = ["panfrost-js0", "panfrost-js1", "panfrost-js2"];

    private readonly object _mmLock = new();
    private readonly object _mapLock = new();
    private readonly object _ptLock = new();
    private readonly PanfrostPageTable _root;
    private int _refs = 1;

    private PanfrostMmu(PanfrostDevice pfdev, PanfrostPageTable root, int id)
    {
        Pfdev = pfdev;
        _root = root;
        Id = id;
        Mm = new DrmMm(VaStartPage, VaEndPage - VaStartPage) { Adjust = ColorAdjust };
    }

    public PanfrostDevice Pfdev { get; }

    public int Id { get; }

    /// <summary>Hardware address space while assigned, -1 otherwise. Guarded by the device's AS lock.</summary>
    public int As { get; internal set; } = -1;

    /// <summary>Jobs (and perfcnt) currently holding the AS. Guarded by the device's AS lock.</summary>
    internal int AsCount { get; set; }

    internal DrmMm Mm { get; }

    public int RefCount => Volatile.Read(ref _refs);

    /// <summary>panfrost_mmu_ctx_create(): 0 or -ENOMEM.</summary>
    public static int Create(PanfrostDevice pfdev, int id, out PanfrostMmu? mmu)
    {
        mmu = null;
        var err = pfdev.Machine.Pages.Alloc(PageOwner.PageTable, null, GfpFlags.Zero | GfpFlags.NoWarn, out var page);
        if (err != 0)
            return err;
        mmu = new PanfrostMmu(pfdev, new PanfrostPageTable(page, 0), id);
        pfdev.Machine.Pages.SetOwner(page, PageOwner.PageTable, mmu);
        return 0;
    }

    public PanfrostMmu Get()
    {
        Interlocked.Increment(ref _refs);
        return this;
    }

    /// <summary>panfrost_mmu_ctx_put(): the last reference releases the AS and frees the page tables.</summary>
    public void Put()
    {
        var n = Interlocked.Decrement(ref _refs);
        if (n == 0)
            Release();
        else if (n < 0)
            Pfdev.Machine.Report.Warn("panfrost_mmu_ctx_put", "refcount_t: underflow; use-after-free.");
    }

    // ---- VA allocator ----------------------------------------------------------------------------------

    /// <summary>drm_mm_insert_node_generic() under mm_lock: 0 or -ENOSPC.</summary>
    internal int VaAlloc(ulong pages, ulong align, bool noExec, object owner, out DrmMmNode? node)
    {
        lock (_mmLock)
        {
            var err = Mm.Insert(pages, align, noExec ? PanfrostIoctls.BoNoexec : 0, out node);
            if (node is not null)
                node.Owner = owner;
            return err;
        }
    }

    internal void VaFree(DrmMmNode node)
    {
        lock (_mmLock)
            Mm.Remove(node);
    }

    /// <summary>The owner (a mapping) of the VA range covering <paramref name="va"/> (addr_to_mapping).</summary>
    internal object? VaOwner(ulong va)
    {
        lock (_mmLock)
            return Mm.Find(va >> PageAllocator.PageShift)?.Owner;
    }

    /// <summary>panfrost_drm_mm_color_adjust: executable BOs never start or end on a 4 GiB boundary.</summary>
    private static void ColorAdjust(ulong color, ref ulong start, ref ulong end)
    {
        if ((color & PanfrostIoctls.BoNoexec) != 0)
            return;
        if ((start & (Pfn4G - 1)) == 0)
            start++;
        if ((end & (Pfn4G - 1)) == 0)
            end--;
        var nextSeg = (start + Pfn4G - 1) & ~(Pfn4G - 1);
        if (nextSeg - start <= Pfn16M)
            start = nextSeg + 1;
        end = Math.Min(end, ((start + Pfn4G - 1) & ~(Pfn4G - 1)) - 1);
    }

    // ---- page tables -----------------------------------------------------------------------------------

    /// <summary>panfrost_mmu_map(): maps <paramref name="pages"/> at <paramref name="startPage"/>. 0 or -ENOMEM.</summary>
    internal int Map(ulong startPage, IReadOnlyList<PageRef> pages, bool noExec)
    {
        var alloc = Pfdev.Machine.Pages;
        lock (_mapLock)
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var va = (startPage + (ulong)i) << PageAllocator.PageShift;
                var err = LeafTable(va, out var leaf);
                if (err != 0)
                    return err;
                lock (_ptLock)
                    leaf!.SetLeaf(alloc, PanfrostPageTable.Index(va, 3), pages[i], noExec);
            }
            return 0;
        }
    }

    /// <summary>panfrost_mmu_unmap(): clears the entries; the GPU faults on the range afterwards.</summary>
    internal void Unmap(ulong startPage, ulong count)
    {
        var alloc = Pfdev.Machine.Pages;
        lock (_mapLock)
        lock (_ptLock)
        {
            for (ulong i = 0; i < count; i++)
            {
                var va = (startPage + i) << PageAllocator.PageShift;
                var t = _root;
                for (var level = 0; level < 3 && t is not null; level++)
                    t = t.Tables![PanfrostPageTable.Index(va, level)];
                t?.ClearLeaf(alloc, PanfrostPageTable.Index(va, 3));
            }
        }
    }

    /// <summary>Whether a page is mapped at <paramref name="va"/> (for heap fault handling).</summary>
    internal bool IsMapped(ulong va)
    {
        lock (_ptLock)
        {
            var t = _root;
            for (var level = 0; level < 3 && t is not null; level++)
                t = t.Tables![PanfrostPageTable.Index(va, level)];
            return t is not null && !t.Leaves![PanfrostPageTable.Index(va, 3)].IsNone;
        }
    }

    /// <summary>The last-level table for <paramref name="va"/>, allocating missing tables outside the table lock.</summary>
    private int LeafTable(ulong va, out PanfrostPageTable? leaf)
    {
        leaf = null;
        var t = _root;
        for (var level = 0; level < 3; level++)
        {
            var idx = PanfrostPageTable.Index(va, level);
            PanfrostPageTable? next;
            lock (_ptLock)
                next = t.Tables![idx];
            if (next is null)
            {
                var err = Pfdev.Machine.Pages.Alloc(PageOwner.PageTable, this, GfpFlags.Zero | GfpFlags.NoWarn, out var page);
                if (err != 0)
                    return err;
                next = new PanfrostPageTable(page, level + 1);
                lock (_ptLock)
                    t.LinkTable(Pfdev.Machine.Pages, idx, next);
            }
            t = next;
        }
        leaf = t;
        return 0;
    }

    // ---- GPU accesses ----------------------------------------------------------------------------------

    /// <summary>
    /// A GPU access through this address space (job manager descriptor reads, WRITE_VALUE stores). Returns 0, or
    /// the JS exception code the job ends with when the access faults and the fault is not handled (heap BOs grow
    /// on a fault and the access is retried). Memory is reached with checked accesses, so a table or data page
    /// freed while still mapped is reported as a use-after-free.
    /// </summary>
    internal uint Access(ulong va, Span<byte> buf, bool write, int js)
    {
        var done = 0;
        while (done < buf.Length)
        {
            var a = va + (ulong)done;
            var inPage = (int)(a & (PageAllocator.PageSize - 1));
            var n = Math.Min(buf.Length - done, PageAllocator.PageSize - inPage);
            var status = AccessPage(a, buf.Slice(done, n), write, js);
            if (status != 0)
                return status;
            done += n;
        }
        return 0;
    }

    private uint AccessPage(ulong va, Span<byte> buf, bool write, int js)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            int faultLevel;
            lock (_ptLock)
            {
                if (Pfdev.AddressSpaces.IsDisabled(this))
                    return PanfrostException.JobBusFault;
                faultLevel = Walk(va, buf, write, js);
            }
            if (faultLevel < 0)
                return 0;
            if (!Pfdev.MmuFaults.Handle(this, va, faultLevel, write, js))
                return PanfrostException.JobBusFault;
        }
        return PanfrostException.JobBusFault;
    }

    /// <summary>Table walk and access under the table lock; returns -1 on success or the level that faulted.</summary>
    private int Walk(ulong va, Span<byte> buf, bool write, int js)
    {
        var pages = Pfdev.Machine.Pages;
        var accessor = SlotAccessors[js];
        if ((va >> (12 + 9 * PanfrostPageTable.Levels)) != 0)
            return 0; // beyond the 48-bit input range: nothing can map it
        var t = _root;
        for (var level = 0; level < 3; level++)
        {
            var idx = PanfrostPageTable.Index(va, level);
            pages.Access(t.Page, "panfrost_mmu_walk", accessor, idx * 8, 8, write: false);
            var next = t.Tables![idx];
            if (next is null)
                return level;
            t = next;
        }
        var leafIdx = PanfrostPageTable.Index(va, 3);
        pages.Access(t.Page, "panfrost_mmu_walk", accessor, leafIdx * 8, 8, write: false);
        var page = t.Leaves![leafIdx];
        if (page.IsNone)
            return 3;
        var off = (int)(va & (PageAllocator.PageSize - 1));
        var data = pages.Access(page, write ? "panfrost_gpu_write" : "panfrost_gpu_read", accessor, off, buf.Length, write);
        if (write)
            buf.CopyTo(data.Slice(off));
        else
            data.Slice(off, buf.Length).CopyTo(buf);
        return -1;
    }

    private void Release()
    {
        Pfdev.AddressSpaces.Release(this);
        foreach (var p in _root.AllPages())
            Pfdev.Machine.Pages.Free(p, "free_io_pgtable_ops");
    }

    public override string ToString() => $"mmu#{Id} as={As} refs={RefCount}";
}
