using Igt.Kernel.Mm;
using Igt.Kernel.Printk;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// panfrost_gem_shrinker.c: under memory pressure, purge DONTNEED BOs from the device's shrinker list. A BO is
/// purgeable when it still has pages, is not shared through dma-buf and is not an import; BOs used by jobs in
/// flight (gpu_usecount &gt; 0) are skipped, as are BOs whose locks are taken (trylock, never block in reclaim).
/// Purging tears down every GPU mapping (later GPU accesses fault), drops the pages for good (retained = 0) and
/// zaps CPU mmaps (later CPU accesses get SIGBUS).
/// </summary>
public sealed class PanfrostShrinker(PanfrostDevice pfdev) : Shrinker("panfrost-shrinker")
{
    private long? _lastPurgeLogUs;

    /// <summary>Pages purged since boot.</summary>
    public long PurgedPages { get; private set; }

    public override long CountObjects(ShrinkControl sc)
    {
        if (!Monitor.TryEnter(pfdev.ShrinkerLock))
            return 0;
        try
        {
            long count = 0;
            foreach (var bo in pfdev.ShrinkerList)
                if (IsPurgeable(bo))
                    count += bo.PageCount;
            return count == 0 ? ShrinkEmpty : count;
        }
        finally
        {
            Monitor.Exit(pfdev.ShrinkerLock);
        }
    }

    public override long ScanObjects(ShrinkControl sc)
    {
        if (!Monitor.TryEnter(pfdev.ShrinkerLock))
            return ShrinkStop;
        long freed = 0;
        try
        {
            foreach (var bo in pfdev.ShrinkerList.ToList())
            {
                if (freed >= sc.NrToScan)
                    break;
                sc.NrScanned++;
                if (!IsPurgeable(bo))
                    continue;
                // The fix of [PATCH 8/8]: never reclaim a BO a job in flight still uses.
                if (bo.GpuUsecount > 0 && !pfdev.Bug(KnownBugs.PurgeBusyObjects))
                    continue;
                var got = TryPurge(bo);
                if (got < 0)
                    continue;
                freed += got;
                pfdev.ShrinkerList.Remove(bo);
                bo.OnShrinkerList = false;
            }
        }
        finally
        {
            Monitor.Exit(pfdev.ShrinkerLock);
        }
        if (freed > 0)
        {
            PurgedPages += freed;
            LogPurge(freed);
        }
        return freed == 0 ? ShrinkStop : freed;
    }

    /// <summary>drm_gem_shmem_is_purgeable() without taking the BO lock (reclaim must not block on it).</summary>
    private static bool IsPurgeable(PanfrostGem bo) => bo.Madv > 0 && bo.Imported is null && bo.DmaBuf is null;

    /// <summary>panfrost_gem_purge(): pages freed, or -1 when a lock could not be taken.</summary>
    private static long TryPurge(PanfrostGem bo)
    {
        // Trylock semantics: a lock this thread already holds (reclaim entered from inside the driver) counts as taken.
        if (Monitor.IsEntered(bo.MappingsLock) || !Monitor.TryEnter(bo.MappingsLock))
            return -1;
        try
        {
            if (Monitor.IsEntered(bo.Lock) || !Monitor.TryEnter(bo.Lock))
                return -1;
            try
            {
                var pages = bo.ResidentPages;
                if (pages == 0 || bo.Madv <= 0)
                    return -1;
                bo.TeardownMappingsLocked();
                bo.Purge();
                return pages;
            }
            finally
            {
                Monitor.Exit(bo.Lock);
            }
        }
        finally
        {
            Monitor.Exit(bo.MappingsLock);
        }
    }

    /// <summary>pr_info_ratelimited("Purging %lu bytes").</summary>
    private void LogPurge(long pages)
    {
        // printk_ratelimit: 10 messages per 5 s, so at most one every 500 ms here.
        var now = pfdev.Machine.Dmesg.NowUs;
        if (_lastPurgeLogUs is { } last && now - last < 500_000)
            return;
        _lastPurgeLogUs = now;
        pfdev.Machine.Dmesg.Printk(LogLevel.Info, $"Purging {pages << PageAllocator.PageShift} bytes");
    }
}
