using Igt.Kernel.Mm;

namespace Igt.Kernel.Process;

/// <summary>VMA bookkeeping: lookup, insertion, splitting, unmapping and moving.</summary>
public sealed partial class MmStruct
{
    private Vma? FindVmaLocked(ulong addr)
    {
        // VMAs are few per task; a linear scan over the sorted list is simpler than a tree and fast enough.
        foreach (var v in _vmas)
        {
            if (addr < v.Start)
                return null;
            if (addr < v.End)
                return v;
        }
        return null;
    }

    private bool Overlaps(ulong start, ulong end) => _vmas.Any(v => v.Start < end && start < v.End);

    private bool FullyMapped(ulong start, ulong end)
    {
        for (var a = start; a < end;)
        {
            var v = FindVmaLocked(a);
            if (v is null)
                return false;
            a = v.End;
        }
        return true;
    }

    private void InsertVma(Vma vma)
    {
        var i = 0;
        while (i < _vmas.Count && _vmas[i].Start < vma.Start)
            i++;
        _vmas.Insert(i, vma);
    }

    /// <summary>Top-down search for a free range, like the default mmap layout.</summary>
    private ulong GetUnmappedArea(ulong len)
    {
        var top = MmapTop;
        for (var i = _vmas.Count - 1; i >= 0; i--)
        {
            var v = _vmas[i];
            if (v.Start >= top)
                continue;
            if (v.End <= top && top - v.End >= len)
                return top - len;
            top = Math.Min(top, v.Start);
        }
        return top - len >= MmapBottom ? top - len : 0;
    }

    /// <summary>Splits <paramref name="vma"/> at <paramref name="addr"/>; returns the upper part.</summary>
    private Vma SplitVma(Vma vma, ulong addr)
    {
        var upper = new Vma(this, addr, vma.End, vma.Prot, vma.Flags, vma.File, vma.PgOff + ((addr - vma.Start) >> PageShift))
        {
            Ops = vma.Ops,
            PrivateData = vma.PrivateData,
            CacheMode = vma.CacheMode,
        };
        vma.End = addr;
        vma.File?.Get();
        vma.Mapping?.Link(upper);
        upper.Ops?.Open(upper);
        InsertVma(upper);
        return upper;
    }

    private void UnmapLocked(ulong start, ulong len, MmuNotifierEvent evt)
    {
        var end = start + len;
        foreach (var v in _vmas.Where(v => v.Start < end && start < v.End).ToList())
        {
            if (v.Start < start)
                SplitVma(v, start);
        }
        foreach (var v in _vmas.Where(v => v.Start < end && start < v.End).ToList())
        {
            if (v.End > end)
                SplitVma(v, end);
        }
        var victims = _vmas.Where(v => v.Start >= start && v.End <= end).ToList();
        if (victims.Count == 0)
            return;
        var range = new MmuNotifierRange(this, start, end, evt);
        FireStart(range);
        foreach (var v in victims)
        {
            ZapRange(v.Start, v.End, freeSwap: true);
            _vmas.Remove(v);
            CloseVma(v);
        }
        FireEnd(range);
    }

    private void CloseVma(Vma v)
    {
        v.Ops?.Close(v);
        v.Mapping?.Unlink(v);
        v.File?.Put();
    }

    /// <summary>Removes the PTEs of [start, end): anonymous pages lose a mapping, swap slots are released.</summary>
    private void ZapRange(ulong start, ulong end, bool freeSwap)
    {
        var drop = new List<PageRef>();
        lock (_ptLock)
        {
            var spanPages = (end - start) >> PageShift;
            if (spanPages > (ulong)_ptes.Count * 2)
            {
                foreach (var vpn in _ptes.Keys.Where(k => k >= start >> PageShift && k < end >> PageShift).ToList())
                    ZapOne(vpn, drop, freeSwap);
            }
            else
            {
                for (var vpn = start >> PageShift; vpn < end >> PageShift; vpn++)
                    ZapOne(vpn, drop, freeSwap);
            }
        }
        foreach (var p in drop)
            DropAnonPage(p);
    }

    private void ZapOne(ulong vpn, List<PageRef> drop, bool freeSwap)
    {
        if (!_ptes.Remove(vpn, out var pte))
            return;
        if (pte.Present && !pte.Special)
            drop.Add(pte.Page);
        else if (!pte.Swap.IsNone && freeSwap)
            _pages.Swap.Free(pte.Swap);
    }

    /// <summary>mremap's move: PTEs of the old range move to the new address.</summary>
    private void MoveLocked(Vma vma, ulong oldAddr, ulong oldLen, ulong newAddr, ulong newLen)
    {
        if (vma.Start < oldAddr)
            vma = SplitVma(vma, oldAddr);
        if (vma.End > oldAddr + oldLen)
            SplitVma(vma, oldAddr + oldLen);

        var range = new MmuNotifierRange(this, oldAddr, oldAddr + oldLen, MmuNotifierEvent.Unmap);
        FireStart(range);
        lock (_ptLock)
        {
            var moved = new List<(ulong, Pte)>();
            for (var a = oldAddr; a < oldAddr + oldLen; a += PageSize)
            {
                if (_ptes.Remove(a >> PageShift, out var pte) && !pte.Special)
                    moved.Add(((a - oldAddr + newAddr) >> PageShift, pte));
            }
            foreach (var (vpn, pte) in moved)
                _ptes[vpn] = pte;
        }
        _vmas.Remove(vma);
        vma.Start = newAddr;
        vma.End = newAddr + newLen;
        InsertVma(vma);
        FireEnd(range);
    }
}
