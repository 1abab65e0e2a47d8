namespace Igt.Kernel.Process;

/// <summary>fork's dup_mmap and exit's exit_mmap.</summary>
public sealed partial class MmStruct
{
    /// <summary>Copies this address space for a child: private anonymous pages become copy-on-write in both.</summary>
    public MmStruct Fork(TaskStruct child)
    {
        var mm = new MmStruct(_machine, child);
        lock (MmapLock)
        {
            foreach (var v in _vmas)
            {
                if ((v.Flags & VmaFlags.DontFork) != 0)
                    continue;
                var cow = v.IsAnonymous && (v.Flags & VmaFlags.Shared) == 0;
                if (cow)
                {
                    var r = new MmuNotifierRange(this, v.Start, v.End, MmuNotifierEvent.ProtectionPage);
                    FireStart(r);
                    FireEnd(r);
                }
                var copy = new Vma(mm, v.Start, v.End, v.Prot, v.Flags, v.File, v.PgOff)
                {
                    Ops = v.Ops,
                    PrivateData = v.PrivateData,
                    CacheMode = v.CacheMode,
                };
                v.File?.Get();
                v.Mapping?.Link(copy);
                copy.Ops?.Open(copy);
                mm._vmas.Add(copy);
                if (!v.IsAnonymous)
                    continue; // device PTEs are refaulted by the child

                lock (_ptLock)
                {
                    foreach (var (vpn, pte) in _ptes.Where(kv => kv.Key >= v.Start >> PageShift && kv.Key < v.End >> PageShift).ToList())
                    {
                        if (pte.Present)
                        {
                            if (_pages.OwnerObjectOf(pte.Page.Pfn) is AnonPage info)
                                Interlocked.Increment(ref info.MapCount);
                            var shared = cow ? pte with { Writable = false, Cow = true } : pte;
                            _ptes[vpn] = shared;
                            mm._ptes[vpn] = shared;
                        }
                        else if (!pte.Swap.IsNone)
                        {
                            _pages.Swap.Dup(pte.Swap);
                            mm._ptes[vpn] = pte;
                        }
                    }
                }
            }
        }
        return mm;
    }

    /// <summary>exit_mmap(): notifiers see a release, then everything is unmapped.</summary>
    public void Exit()
    {
        lock (MmapLock)
        {
            if (_dead)
                return;
            _dead = true;
            var range = new MmuNotifierRange(this, 0, TaskSize, MmuNotifierEvent.Release);
            FireStart(range);
            foreach (var v in _vmas.ToList())
            {
                ZapRange(v.Start, v.End, freeSwap: true);
                CloseVma(v);
            }
            _vmas.Clear();
            FireEnd(range);
        }
        _machine.UnregisterMm(this);
    }
}
