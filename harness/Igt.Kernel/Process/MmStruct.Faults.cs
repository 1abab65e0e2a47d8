using Igt.Kernel.Fault;
using Igt.Kernel.Mm;

namespace Igt.Kernel.Process;

/// <summary>Page-fault handling and the per-page user access path.</summary>
public sealed partial class MmStruct
{
    private FaultResult AccessPage(ulong addr, Span<byte> buf, bool write, string function)
    {
        // Fast path: a present PTE with the needed permission needs only the page-table lock (zaps take it too).
        if (TryAccessPresent(addr, buf, write, function))
            return FaultResult.Ok;
        lock (MmapLock)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                if (TryAccessPresent(addr, buf, write, function))
                    return FaultResult.Ok;
                var r = FaultLocked(addr, write);
                if (r != FaultResult.Ok)
                    return r;
            }
            return FaultResult.Bus;
        }
    }

    private bool TryAccessPresent(ulong addr, Span<byte> buf, bool write, string function)
    {
        lock (_ptLock)
        {
            ref var pte = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_ptes, addr >> PageShift);
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref pte) || !pte.Present || (write && !pte.Writable))
                return false;
            var off = (int)(addr & (PageSize - 1));
            var data = _pages.Access(pte.Page, function, Accessor, off, buf.Length, write);
            if (pte.Cached)
            {
                if (write)
                    _pages.CpuCache.Write(pte.Page, data, off, buf);
                else
                    _pages.CpuCache.Read(pte.Page, data, off, buf);
            }
            else if (write)
            {
                buf.CopyTo(data.Slice(off));
            }
            else
            {
                data.Slice(off, buf.Length).CopyTo(buf);
            }
            pte.Accessed = true;
            return true;
        }
    }

    /// <summary>handle_mm_fault(), with the mmap lock held.</summary>
    private FaultResult FaultLocked(ulong addr, bool write)
    {
        var vma = FindVmaLocked(addr);
        if (vma is null)
            return FaultResult.SegvMapErr;
        if ((write && (vma.Prot & Prot.Write) == 0) || (!write && (vma.Prot & (Prot.Read | Prot.Write)) == 0))
            return FaultResult.SegvAccErr;

        Interlocked.Increment(ref _pages.VmStat.PgFault);
        _machine.Faults.MaybeDelay(FaultSites.PageFault);
        var vpn = addr >> PageShift;
        Pte pte;
        lock (_ptLock)
            _ptes.TryGetValue(vpn, out pte);

        if (pte.Present && (!write || pte.Writable))
            return FaultResult.Ok;

        if (!vma.IsAnonymous)
        {
            if (vma.Ops is null)
                return FaultResult.Bus;
            var vmf = new VmFaultContext(vma, addr, write);
            var res = vma.Ops.Fault(vmf);
            return res switch
            {
                VmFault.NoPage when vmf.Inserted => FaultResult.Ok,
                VmFault.NoPage => FaultResult.Bus,
                VmFault.SigSegv => FaultResult.SegvAccErr,
                VmFault.Oom => FaultResult.Oom,
                _ => FaultResult.Bus,
            };
        }

        if (pte.Present && write && pte.Cow)
            return BreakCow(vma, addr, pte);

        // Not present: swap-in or zero-fill. Allocate before taking the page-table lock (reclaim may run).
        var err = _pages.Alloc(PageOwner.Anon, new AnonPage(), GfpFlags.Zero, out var page);
        if (err != 0)
            return FaultResult.Oom;
        if (!pte.Swap.IsNone)
        {
            Interlocked.Increment(ref _pages.VmStat.PgMajFault);
            Interlocked.Increment(ref _pages.VmStat.PswpIn);
            _pages.Swap.Read(pte.Swap, _pages.Data(page));
            _pages.Swap.Free(pte.Swap);
        }
        lock (_ptLock)
            _ptes[vpn] = new Pte { Page = page, Present = true, Writable = (vma.Prot & Prot.Write) != 0, Accessed = true };
        return FaultResult.Ok;
    }

    private FaultResult BreakCow(Vma vma, ulong addr, Pte pte)
    {
        Interlocked.Increment(ref _pages.VmStat.CowFaults);
        var range = new MmuNotifierRange(this, addr & ~(PageSize - 1), (addr & ~(PageSize - 1)) + PageSize, MmuNotifierEvent.Clear);
        FireStart(range);
        try
        {
            var info = _pages.OwnerObjectOf(pte.Page.Pfn) as AnonPage;
            if (info is null || Volatile.Read(ref info.MapCount) <= 1)
            {
                lock (_ptLock)
                    _ptes[addr >> PageShift] = pte with { Writable = true, Cow = false };
                return FaultResult.Ok;
            }
            if (_pages.Alloc(PageOwner.Anon, new AnonPage(), GfpFlags.Kernel, out var copy) != 0)
                return FaultResult.Oom;
            _pages.Access(pte.Page, "wp_page_copy", Accessor, 0, (int)PageSize, false).CopyTo(_pages.Data(copy));
            lock (_ptLock)
                _ptes[addr >> PageShift] = new Pte { Page = copy, Present = true, Writable = true, Accessed = true };
            DropAnonPage(pte.Page);
            return FaultResult.Ok;
        }
        finally
        {
            FireEnd(range);
        }
    }

    /// <summary>Drops one mapping of an anonymous page; frees it with the last.</summary>
    private void DropAnonPage(PageRef page)
    {
        if (_pages.OwnerObjectOf(page.Pfn) is AnonPage info && Interlocked.Decrement(ref info.MapCount) > 0)
            return;
        if (_pages.IsCurrent(page))
            _pages.Free(page, "zap_pte_range");
    }
}
