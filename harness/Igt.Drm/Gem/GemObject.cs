using Igt.Drm.Fences;
using Igt.Drm.Prime;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drm.Gem;

/// <summary>
/// struct drm_gem_object with the shmem helpers: refcounted, page-sized, pages allocated lazily one by one,
/// pinned while the GPU uses them, swappable when unpinned, purgeable when marked DONTNEED. Drivers derive from it.
/// Locking: <see cref="Lock"/> (the reservation lock) guards pages, pin count and madvise state.
/// </summary>
public class GemObject
{
    private const int PageShift = PageAllocator.PageShift;
    private int _refs = 1;
    private readonly PageSlots<PageRef> _pages;
    private readonly PageSlots<SwapEntry> _swap;
    private int _handleCount;

    public GemObject(DrmDevice dev, ulong size) : this(dev, size, null)
    {
    }

    /// <summary>
    /// drm_gem_prime_import_dev: an object of this device backed by another exporter's dma-buf. It shares the
    /// buffer's reservation object (implicit fences cross devices) and takes its pages from the attachment.
    /// </summary>
    protected GemObject(DrmDevice dev, DmaBufAttachment attach) : this(dev, attach.DmaBuf.Size, attach.DmaBuf.Resv)
    {
        ImportAttach = attach;
        attach.DmaBuf.Get();
        DmaBuf = attach.DmaBuf;
    }

    private GemObject(DrmDevice dev, ulong size, DmaResv? resv)
    {
        Dev = dev;
        Size = size;
        Resv = resv ?? new DmaResv();
        var n = (int)(size >> PageShift);
        _pages = new PageSlots<PageRef>(n, PageRef.None);
        _swap = new PageSlots<SwapEntry>(n, SwapEntry.None);
        Id = dev.TrackObject(this);
    }

    public DrmDevice Dev { get; }

    /// <summary>Device-unique id for debugfs views.</summary>
    public long Id { get; }

    public ulong Size { get; }

    public int PageCount => _pages.Length;

    public DmaResv Resv { get; }

    /// <summary>dma_resv_lock: guards pages, pins and madvise state.</summary>
    public object Lock => Resv.Lock;

    /// <summary>CPU mmaps of the object (i_mmap), so pages can be zapped from every process.</summary>
    public AddressSpace Mapping { get; } = new();

    public int RefCount => Volatile.Read(ref _refs);

    public int HandleCount => Volatile.Read(ref _handleCount);

    /// <summary>flink name, 0 when none.</summary>
    public uint Name { get; internal set; }

    /// <summary>Fake mmap offset in pages (0 until one is created).</summary>
    public ulong MmapPgOff { get; internal set; }

    /// <summary>The dma-buf this object was exported as (exporter side) or imported from (importer side).</summary>
    public DmaBuf? DmaBuf { get; internal set; }

    /// <summary>Set on an importer's object: the attachment to the exporter's dma-buf.</summary>
    public DmaBufAttachment? ImportAttach { get; internal set; }

    /// <summary>pages_pin_count: while &gt; 0 the pages stay resident (GPU mappings, vmaps).</summary>
    public int PinCount { get; private set; }

    /// <summary>shmem madv: 0 WILLNEED, &gt; 0 DONTNEED (purgeable), -1 purged.</summary>
    public int Madv { get; set; }

    public bool Purged => Madv < 0;

    /// <summary>Pages present in RAM.</summary>
    public int ResidentPages
    {
        get { lock (Lock) return _pages.CountPopulated(); }
    }

    public int SwappedPages
    {
        get { lock (Lock) return _swap.CountPopulated(); }
    }

    public bool Freed { get; private set; }

    public void Get() => Interlocked.Increment(ref _refs);

    /// <summary>drm_gem_object_put(): the last reference frees the object.</summary>
    public void Put()
    {
        var n = Interlocked.Decrement(ref _refs);
        if (n == 0)
            Free();
    }

    internal void HandleGet() => Interlocked.Increment(ref _handleCount);

    internal int HandlePut() => Interlocked.Decrement(ref _handleCount);

    /// <summary>
    /// drm_gem_object_exported_dma_buf_free: the exporter holds its dma-buf while handles exist; the last handle
    /// drops that reference (open fds keep the dma-buf, and through it this object, alive).
    /// </summary>
    internal void DropExportReference()
    {
        DmaBuf? buf;
        lock (Lock)
        {
            if (ImportAttach is not null)
                return;
            buf = DmaBuf;
            DmaBuf = null;
        }
        buf?.Put();
    }

    // ---- shmem backing -----------------------------------------------------------------------------------

    /// <summary>
    /// The page at <paramref name="index"/>, allocated (zeroed) or swapped in on first need. Caller holds
    /// <see cref="Lock"/> or accepts the page may go away. Returns 0, -ENOMEM, or -EFAULT for a purged object.
    /// </summary>
    public virtual int GetPage(int index, out PageRef page)
    {
        if (ImportAttach is { } attach)
            return attach.DmaBuf.GetPage(index, out page);
        lock (Lock)
        {
            page = PageRef.None;
            if (Purged)
                return -Errno.EFAULT;
            if ((uint)index >= (uint)_pages.Length)
                return -Errno.EINVAL;
            if (!_pages[index].IsNone)
            {
                page = _pages[index];
                return 0;
            }
            if (DmaBuf is GemDmaBuf { } exported && exported.PlacementConstraints is { HasPlacementRequirements: true } placement
                && ResidentPagesLocked() == 0 && SwappedPagesLocked() == 0)
                return PlaceAll(placement, index, out page);
            var err = Dev.Machine.Pages.Alloc(PageOwner.Shmem, this, AllocGfp, out page);
            if (err != 0)
                return err;
            if (!_swap[index].IsNone)
            {
                Dev.Machine.Swap.Read(_swap[index], Dev.Machine.Pages.Data(page));
                Dev.Machine.Swap.Free(_swap[index]);
                _swap[index] = SwapEntry.None;
                Dev.Machine.Pages.VmStat.CountSwapIn();
            }
            _pages[index] = page;
            return 0;
        }
    }

    /// <summary>
    /// Deferred allocation of an exported object: the first use places every page at once where all attached
    /// devices can reach it (contiguous for a device without an IOMMU, below the smallest DMA mask).
    /// </summary>
    private int PlaceAll(DmaConstraints placement, int index, out PageRef page)
    {
        page = PageRef.None;
        var err = Dev.Machine.Pages.AllocConstrained(_pages.Length, placement.Contiguous, placement.AddressLimit,
            PageOwner.Cma, this, AllocGfp, out var pages);
        if (err != 0)
            return err;
        for (var i = 0; i < pages.Length; i++)
            _pages[i] = pages[i];
        page = _pages[index];
        return 0;
    }

    private int ResidentPagesLocked() => _pages.CountPopulated();

    private int SwappedPagesLocked() => _swap.CountPopulated();

    /// <summary>The object's pages in order (PageRef.None where not resident).</summary>
    public PageRef[] SnapshotPages()
    {
        if (ImportAttach is { } attach)
            return attach.DmaBuf.SnapshotPages().ToArray();
        lock (Lock)
            return _pages.ToArray();
    }

    /// <summary>
    /// GFP flags of shmem page allocation. Zeroed, like shmem; a driver's LeakStaleContents bug drops Zero.
    /// No warning: drivers handle -ENOMEM (like i915's __GFP_NOWARN).
    /// </summary>
    protected virtual GfpFlags AllocGfp => GfpFlags.Zero | GfpFlags.NoWarn;

    /// <summary>
    /// The page array a get_pages builds for the whole object: kvmalloc_array(pages, sizeof(struct page *)) of more
    /// than INT_MAX bytes warns (unless <paramref name="kvmalloc"/> is false: sg tables, shmem) and fails, and an
    /// object larger than RAM can never have every page resident. 0 or -ENOMEM, before anything is allocated.
    /// </summary>
    public int CheckPageArray(bool kvmalloc)
    {
        if (kvmalloc && (long)PageCount * sizeof(ulong) > int.MaxValue)
        {
            var task = TaskStruct.Current;
            Dev.Machine.Report.Warn("__kvmalloc_node_noprof", null, task?.Pid ?? 0, task?.Comm ?? "kworker/0:1");
            return -Errno.ENOMEM;
        }
        return PageCount > Dev.Machine.Pages.TotalPages ? -Errno.ENOMEM : 0;
    }

    /// <summary>drm_gem_shmem_pin / get_pages: makes every page resident and pins them. 0 or -errno.</summary>
    public virtual int PinPages()
    {
        if (ImportAttach is { } attach)
            return attach.DmaBuf.MapAttachment(attach);
        lock (Lock)
        {
            if (Purged)
                return -Errno.EFAULT;
            var fits = CheckPageArray(kvmalloc: true);
            if (fits != 0)
                return fits;
            for (var i = 0; i < _pages.Length; i++)
            {
                var err = GetPage(i, out _);
                if (err != 0)
                    return err;
            }
            PinCount++;
            return 0;
        }
    }

    public virtual void UnpinPages()
    {
        if (ImportAttach is { } attach)
        {
            attach.DmaBuf.UnmapAttachment(attach);
            return;
        }
        lock (Lock)
        {
            if (PinCount > 0)
                PinCount--;
        }
    }

    /// <summary>The resident page at <paramref name="index"/> without allocating (PageRef.None when absent).</summary>
    public PageRef PeekPage(int index)
    {
        if (ImportAttach is { } attach)
            return attach.DmaBuf.PeekPage(index);
        lock (Lock)
            return (uint)index < (uint)_pages.Length ? _pages[index] : PageRef.None;
    }

    /// <summary>Swaps out every resident page (shrinker). Caller holds <see cref="Lock"/>. Returns pages freed.</summary>
    public virtual long EvictPages()
    {
        lock (Lock)
        {
            // Placed for a constrained device (contiguous, DMA mask): swap-in could not restore the placement.
            if (PinCount > 0 || Purged || ImportAttach is not null || DmaBuf is GemDmaBuf { PlacementConstraints.HasPlacementRequirements: true })
                return 0;
            Mapping.UnmapAll();
            long freed = 0;
            var pages = Dev.Machine.Pages;
            foreach (var i in _pages.Populated().ToList())
            {
                pages.FlushCpuCache(_pages[i]);
                if (!pages.Swap.TryWrite(pages.Data(_pages[i]), out var entry))
                    break;
                _swap[i] = entry;
                pages.Free(_pages[i], "drm_gem_shmem_evict");
                _pages[i] = PageRef.None;
                pages.VmStat.CountSwapOut();
                freed++;
            }
            return freed;
        }
    }

    /// <summary>drm_gem_shmem_purge: drops pages and swap for good; CPU mmaps then SIGBUS. Returns pages freed.</summary>
    public virtual long Purge()
    {
        if (ImportAttach is not null)
            return 0;
        lock (Lock)
        {
            Mapping.UnmapAll();
            var freed = ReleaseBacking();
            Madv = -1;
            return freed;
        }
    }

    /// <summary>
    /// drm_gem_plan_implicit_fences / drm_sched_job_add_implicit_dependencies: the fences a job on this object must
    /// wait for (writers before a read, everyone before a write). With the dma-buf NoImplicitSync bug, a shared
    /// buffer's fences from other devices are dropped, so a job races with another GPU still writing it.
    /// </summary>
    public IReadOnlyList<DmaFence> ImplicitDependencies(bool write)
    {
        var fences = Resv.GetFences(write ? DmaResvUsage.Read : DmaResvUsage.Write);
        return ImportAttach is not null && Dev.Machine.BugEnabled(DmaBufBugs.Driver, DmaBufBugs.NoImplicitSync)
            ? Array.Empty<DmaFence>()
            : fences;
    }

    /// <summary>Reads object memory through its pages (kernel vmap-style access), allocating as needed.</summary>
    public int ReadKernel(ulong offset, Span<byte> dst, string function = "gem_vmap") => CopyKernel(offset, dst, write: false, function);

    /// <summary>Writes object memory through its pages (kernel vmap-style access), allocating as needed.</summary>
    public int WriteKernel(ulong offset, ReadOnlySpan<byte> src, string function = "gem_vmap")
    {
        var tmp = src.ToArray();
        return CopyKernel(offset, tmp, write: true, function);
    }

    private int CopyKernel(ulong offset, Span<byte> buf, bool write, string function)
    {
        if (offset + (ulong)buf.Length > Size)
            return -Errno.EINVAL;
        var done = 0;
        while (done < buf.Length)
        {
            var off = offset + (ulong)done;
            var idx = (int)(off >> PageShift);
            var inPage = (int)(off & (PageAllocator.PageSize - 1));
            var n = Math.Min(buf.Length - done, PageAllocator.PageSize - inPage);
            var err = GetPage(idx, out var page);
            if (err != 0)
                return err;
            var data = Dev.Machine.Pages.Access(page, function, "kernel", inPage, n, write);
            if (write)
                buf.Slice(done, n).CopyTo(data.Slice(inPage));
            else
                data.Slice(inPage, n).CopyTo(buf.Slice(done, n));
            done += n;
        }
        return 0;
    }

    /// <summary>Frees pages and swap slots. Caller holds <see cref="Lock"/>.</summary>
    protected long ReleaseBacking()
    {
        long freed = 0;
        foreach (var i in _pages.Populated().ToList())
        {
            Dev.Machine.Pages.Free(_pages[i], "drm_gem_shmem_free");
            _pages[i] = PageRef.None;
            freed++;
        }
        foreach (var i in _swap.Populated().ToList())
        {
            Dev.Machine.Swap.Free(_swap[i]);
            _swap[i] = SwapEntry.None;
        }
        return freed;
    }

    /// <summary>drm_gem_object_free: the driver's free hook, then the backing store.</summary>
    protected virtual void Free()
    {
        Freed = true;
        Dev.Driver.GemFree(this);
        lock (Lock)
            ReleaseBacking();
        if (MmapPgOff != 0)
            Dev.VmaOffsets.Remove(this);
        Dev.UntrackObject(this);
        if (ImportAttach is { } attach)
        {
            attach.DmaBuf.Detach(attach);
            attach.DmaBuf.Put();
        }
    }

    public override string ToString() => $"gem#{Id} size={Size} handles={HandleCount} refs={RefCount} pin={PinCount} madv={Madv}";
}
