namespace Igt.Kernel.Mm;

/// <summary>
/// Physically constrained allocations for devices that see physical addresses: a run of consecutive frames
/// (cma_alloc / dma_alloc_contiguous for a device without an IOMMU) and frames below a DMA mask (a device with a
/// limited address window). Order-0 allocations stay on the fast path in PageAllocator.cs.
/// </summary>
public sealed partial class PageAllocator
{
    /// <summary>
    /// Allocates <paramref name="count"/> frames, all below <paramref name="limit"/> (exclusive physical address),
    /// consecutive when <paramref name="contiguous"/>. Returns 0 or -ENOMEM (after direct reclaim); on failure
    /// nothing stays allocated.
    /// </summary>
    public int AllocConstrained(int count, bool contiguous, ulong limit, PageOwner owner, object? ownerObj, GfpFlags gfp, out PageRef[] pages)
    {
        pages = Array.Empty<PageRef>();
        if (count <= 0)
            return 0;
        var limitPfn = (uint)Math.Min(TotalPages, limit >> PageShift);
        if (_faults.ShouldFail(Fault.FaultSites.AllocPage) || (ulong)count > limitPfn)
            return Fail(count, gfp);
        for (var attempt = 0; ; attempt++)
        {
            if (TryTakeConstrained(count, contiguous, limitPfn, owner, ownerObj, out pages))
                break;
            if ((gfp & GfpFlags.NoReclaim) != 0 || t_inReclaim || attempt >= 2)
                return Fail(count, gfp);
            Interlocked.Increment(ref VmStat.AllocStall);
            Reclaim(Math.Max(count, 32), kswapd: false);
        }
        foreach (var p in pages)
        {
            var data = DataRef(p.Pfn) ??= new byte[PageSize];
            if ((gfp & GfpFlags.Zero) != 0)
                Array.Clear(data);
        }
        return 0;
    }

    private int Fail(int count, GfpFlags gfp)
    {
        Interlocked.Increment(ref VmStat.PgAllocFail);
        if ((gfp & GfpFlags.NoWarn) == 0)
            _dmesg.Printk(Printk.LogLevel.Warning, $"cma: cma_alloc: alloc failed, req-size: {count} pages, ret: -12");
        return -Errno.ENOMEM;
    }

    private bool TryTakeConstrained(int count, bool contiguous, uint limitPfn, PageOwner owner, object? ownerObj, out PageRef[] pages)
    {
        pages = Array.Empty<PageRef>();
        lock (_lock)
        {
            // Free frames below the limit: the freed stack plus the never-used tail.
            var free = new List<uint>();
            foreach (var pfn in _freed)
                if (pfn < limitPfn)
                    free.Add(pfn);
            for (var pfn = _nextUnused; pfn < limitPfn; pfn++)
                free.Add(pfn);
            if (free.Count < count)
                return false;
            free.Sort();
            List<uint> chosen;
            if (contiguous)
            {
                var start = -1;
                for (int i = 0, run = 1; i < free.Count; i++)
                {
                    run = i > 0 && free[i] == free[i - 1] + 1 ? run + 1 : 1;
                    if (run >= count)
                    {
                        start = i - count + 1;
                        break;
                    }
                }
                if (start < 0)
                    return false;
                chosen = free.GetRange(start, count);
            }
            else
            {
                chosen = free.GetRange(0, count);
            }
            var taken = new HashSet<uint>(chosen);
            var keep = _freed.Where(p => !taken.Contains(p)).Reverse().ToArray();
            _freed.Clear();
            foreach (var p in keep)
                _freed.Push(p);
            var top = chosen[^1];
            while (_nextUnused <= top)
            {
                var pfn = _nextUnused++;
                if ((pfn & (SectionPages - 1)) == 0)
                    Volatile.Write(ref _sections[pfn >> SectionShift], new Section());
                if (!taken.Contains(pfn))
                    _freed.Push(pfn);
            }
            pages = new PageRef[count];
            for (var i = 0; i < count; i++)
            {
                var pfn = chosen[i];
                OwnerRef(pfn) = owner;
                OwnerObjRef(pfn) = ownerObj;
                _countByOwner[(int)owner]++;
                _free--;
                pages[i] = new PageRef(pfn, GenRef(pfn));
            }
            return true;
        }
    }
}
