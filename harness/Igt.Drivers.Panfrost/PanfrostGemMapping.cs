using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// struct panfrost_gem_mapping: a BO mapped in one GPU address space, refcounted. The file's handle owns one
/// reference (dropped on GEM close), every job using the BO owns one, so closing the handle while a job runs
/// leaves the VA range mapped until the job is done. Holds references on the BO and on the address space.
/// Non-heap BOs are mapped (and their pages pinned) at creation; heap BOs grow on GPU faults.
/// </summary>
public sealed class PanfrostGemMapping
{
    private readonly object _lock = new();
    private int _refs = 1;
    private DrmMmNode? _node;

    private PanfrostGemMapping(PanfrostGem obj, PanfrostMmu mmu)
    {
        Obj = obj;
        Mmu = mmu;
        obj.Get();
        mmu.Get();
    }

    public PanfrostGem Obj { get; }

    public PanfrostMmu Mmu { get; }

    /// <summary>First page of the VA range (kept after teardown: GET_BO_OFFSET reports it, stale, like the kernel).</summary>
    public ulong StartPage { get; private set; }

    public ulong GpuVa => StartPage << PageAllocator.PageShift;

    /// <summary>mapping->active: the page tables hold the BO's pages.</summary>
    public bool Active { get; private set; }

    public int RefCount => Volatile.Read(ref _refs);

    /// <summary>panfrost_gem_open's mapping half: reserve the VA range and map non-heap BOs. 0 or -errno.</summary>
    internal static int Create(PanfrostGem bo, PanfrostMmu mmu, out PanfrostGemMapping? mapping)
    {
        var m = new PanfrostGemMapping(bo, mmu);
        mapping = null;
        var pages = (ulong)bo.PageCount;
        // Executable BOs are aligned to their size so they never cross a 16 MiB boundary (24-bit PC).
        var align = !bo.NoExec ? pages : bo.Size >= (2UL << 20) ? (2UL << 20) >> PageAllocator.PageShift : 0;
        var err = mmu.VaAlloc(pages, align, bo.NoExec, m, out var node);
        if (err == 0)
        {
            m._node = node;
            m.StartPage = node!.Start;
            if (!bo.IsHeap)
                err = m.MapAll();
        }
        if (err != 0)
        {
            m.Put();
            return err;
        }
        mapping = m;
        return 0;
    }

    public PanfrostGemMapping Get()
    {
        Interlocked.Increment(ref _refs);
        return this;
    }

    /// <summary>panfrost_gem_mapping_put(): the last reference unmaps, frees the VA range and drops the BO and AS.</summary>
    public void Put()
    {
        var n = Interlocked.Decrement(ref _refs);
        if (n > 0)
            return;
        if (n < 0)
        {
            Obj.Pfdev.Machine.Report.Warn("panfrost_gem_mapping_put", "refcount_t: underflow; use-after-free.");
            return;
        }
        Teardown();
        Obj.Put();
        Mmu.Put();
    }

    /// <summary>panfrost_gem_teardown_mapping(): unmap if active, release the VA range. Idempotent.</summary>
    internal void Teardown()
    {
        lock (_lock)
        {
            if (Active && _node is not null)
            {
                Mmu.Unmap(_node.Start, _node.Size);
                if (!Obj.IsHeap)
                    Obj.UnpinPages();
                Active = false;
            }
            if (_node is { Allocated: true })
                Mmu.VaFree(_node);
            _node = null;
        }
    }

    /// <summary>panfrost_mmu_map(): pin the pages and write the page-table entries.</summary>
    private int MapAll()
    {
        var err = Obj.PinPages();
        if (err != 0)
            return err;
        var pages = new List<PageRef>(Obj.PageCount);
        lock (Obj.Lock)
        {
            for (var i = 0; i < Obj.PageCount && err == 0; i++)
            {
                err = Obj.GetPage(i, out var p);
                pages.Add(p);
            }
        }
        if (err == 0)
            err = Mmu.Map(StartPage, pages, Obj.NoExec);
        if (err != 0)
        {
            Mmu.Unmap(StartPage, (ulong)pages.Count);
            Obj.UnpinPages();
            return err;
        }
        lock (_lock)
            Active = true;
        return 0;
    }

    /// <summary>panfrost_mmu_map_fault_addr() for a heap BO: map the 2 MiB chunk around <paramref name="va"/>. 0 or -errno.</summary>
    internal int GrowHeap(ulong va)
    {
        const int chunkPages = (2 << 20) >> PageAllocator.PageShift;
        lock (_lock)
        {
            var node = _node;
            if (node is null)
                return -Errno.ENOENT;
            var pageOffset = (int)((va >> PageAllocator.PageShift) - node.Start);
            var first = pageOffset / chunkPages * chunkPages;
            if (Mmu.IsMapped(va))
                return 0; // another slot grew it meanwhile
            var pages = new List<PageRef>(chunkPages);
            var err = Obj.GetPages(first, chunkPages, pages);
            // Reclaim during the allocation may have purged this BO (same thread, reentrant lock): re-check.
            if (err == 0 && !ReferenceEquals(_node, node))
                err = -Errno.ENOENT;
            if (err == 0)
                err = Mmu.Map(node.Start + (ulong)first, pages, noExec: true);
            if (err != 0)
                return err;
            Obj.HeapRssPages += pages.Count;
            Active = true;
            return 0;
        }
    }

    public override string ToString() => $"mapping va=0x{GpuVa:x} {Mmu} active={Active} refs={RefCount}";
}
