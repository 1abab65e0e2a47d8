using Igt.Kernel.Mm;

namespace Igt.Kernel.Process;

/// <summary>Swap-out of anonymous pages for reclaim (the anon LRU, reduced to a second-chance scan).</summary>
public sealed partial class MmStruct
{
    /// <summary>Resident anonymous pages that reclaim could swap out (not shared, not pinned).</summary>
    internal long CountSwappable()
    {
        lock (_ptLock)
            return _ptes.Values.Count(p => p.Present && !p.Special);
    }

    /// <summary>
    /// Swaps out up to <paramref name="target"/> pages. Like try_to_unmap, this needs only the page-table lock, not the
    /// mmap lock, so a process's own faults can reclaim its other pages. Pages under copy-on-write are left alone.
    /// MMU notifiers see each page go.
    /// </summary>
    internal long SwapOut(long target, ref long scanned)
    {
        if (_dead)
            return 0;
        List<ulong> candidates;
        lock (_ptLock)
        {
            candidates = new List<ulong>();
            foreach (var (vpn, pte) in _ptes.ToList())
            {
                // DMA-pinned pages (get_user_pages with a pin, e.g. a userptr object) are skipped before any
                // MMU notifier runs, as shrink_folio_list skips folio_maybe_dma_pinned() before try_to_unmap.
                if (!pte.Present || pte.Special || pte.Cow || _pages.IsPinned(pte.Page))
                    continue;
                scanned++;
                if (pte.Accessed)
                {
                    _ptes[vpn] = pte with { Accessed = false };
                    continue;
                }
                candidates.Add(vpn);
                if (candidates.Count >= target)
                    break;
            }
        }
        long freed = 0;
        foreach (var vpn in candidates)
        {
            var addr = vpn << PageShift;
            var range = new MmuNotifierRange(this, addr, addr + PageSize, MmuNotifierEvent.Clear);
            FireStart(range);
            try
            {
                lock (_ptLock)
                {
                    if (_dead || !_ptes.TryGetValue(vpn, out var pte) || !pte.Present || pte.Special || pte.Cow || !_pages.IsCurrent(pte.Page))
                        continue;
                    if (_pages.IsPinned(pte.Page) || _pages.OwnerObjectOf(pte.Page.Pfn) is not AnonPage { MapCount: 1 })
                        continue;
                    if (!_pages.Swap.TryWrite(_pages.Data(pte.Page), out var entry))
                        return freed;
                    _ptes[vpn] = new Pte { Swap = entry };
                    _pages.Free(pte.Page, "shrink_folio_list");
                    _pages.VmStat.CountSwapOut();
                    freed++;
                }
            }
            finally
            {
                FireEnd(range);
            }
        }
        return freed;
    }
}
