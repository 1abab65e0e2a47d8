namespace Igt.Drivers.Panfrost;

/// <summary>
/// The hardware address-space slots (AS_PRESENT) shared by all files: panfrost_mmu_as_get/as_put with an LRU of
/// idle contexts, the faulty mask set by an unhandled page fault (the AS is disabled so its jobs die) and cleared
/// when the context is next used, and the reset that forgets every assignment.
/// </summary>
public sealed class PanfrostAddressSpaces(PanfrostDevice pfdev)
{
    private readonly object _lock = new();
    private readonly LinkedList<PanfrostMmu> _lru = new();
    private readonly int _count = pfdev.Model.AddressSpaces;
    private uint _allocMask;
    private uint _faultyMask;
    private long _generation;

    /// <summary>
    /// panfrost_mmu_as_get(): the AS the context runs in, assigned (or re-enabled) on demand. The generation
    /// identifies the reference: a reset drops every reference, and a put from before it is ignored.
    /// </summary>
    public int Get(PanfrostMmu mmu, out long generation)
    {
        lock (_lock)
        {
            generation = _generation;
            if (mmu.As >= 0)
            {
                mmu.AsCount++;
                Touch(mmu);
                _faultyMask &= ~(1u << mmu.As);
                return mmu.As;
            }
            var free = Enumerable.Range(0, _count).FirstOrDefault(i => (_allocMask & (1u << i)) == 0, -1);
            if (free < 0)
            {
                // Steal the least recently used idle context's AS; jobs hold at most one AS per slot.
                var victim = _lru.Reverse().FirstOrDefault(m => m.AsCount == 0);
                if (victim is null)
                {
                    pfdev.Machine.Report.Warn("panfrost_mmu_as_get", "no idle address space to reclaim");
                    victim = _lru.Last!.Value;
                }
                _lru.Remove(victim);
                free = victim.As;
                victim.As = -1;
            }
            mmu.As = free;
            mmu.AsCount = 1;
            _allocMask |= 1u << free;
            _faultyMask &= ~(1u << free);
            _lru.AddFirst(mmu);
            return free;
        }
    }

    /// <summary>panfrost_mmu_as_put() of a reference taken in <paramref name="generation"/>.</summary>
    public void Put(PanfrostMmu mmu, long generation)
    {
        lock (_lock)
        {
            if (generation != _generation)
                return; // the reset already dropped it
            if (mmu.AsCount > 0)
                mmu.AsCount--;
            else
                pfdev.Machine.Report.Warn("panfrost_mmu_as_put", "as_count underflow");
        }
    }

    /// <summary>Marks the context's AS faulty and disabled (panfrost_mmu_disable). False if it already was.</summary>
    public bool Disable(PanfrostMmu mmu)
    {
        lock (_lock)
        {
            if (mmu.As < 0 || (_faultyMask & (1u << mmu.As)) != 0)
                return false;
            _faultyMask |= 1u << mmu.As;
            return true;
        }
    }

    /// <summary>True while the context's AS is disabled after an unhandled fault: GPU accesses bus-fault.</summary>
    public bool IsDisabled(PanfrostMmu mmu)
    {
        var asNr = mmu.As;
        return asNr < 0 || (Volatile.Read(ref _faultyMask) & (1u << asNr)) != 0;
    }

    /// <summary>panfrost_mmu_release_ctx(): the context is going away.</summary>
    public void Release(PanfrostMmu mmu)
    {
        lock (_lock)
        {
            if (mmu.As >= 0)
            {
                _allocMask &= ~(1u << mmu.As);
                _faultyMask &= ~(1u << mmu.As);
                _lru.Remove(mmu);
                mmu.As = -1;
            }
        }
    }

    /// <summary>panfrost_mmu_reset(): every context loses its AS (jobs re-acquire one when resubmitted).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            foreach (var m in _lru)
            {
                m.As = -1;
                m.AsCount = 0;
            }
            _lru.Clear();
            _allocMask = 0;
            _faultyMask = 0;
            _generation++;
        }
    }

    private void Touch(PanfrostMmu mmu)
    {
        _lru.Remove(mmu);
        _lru.AddFirst(mmu);
    }
}
