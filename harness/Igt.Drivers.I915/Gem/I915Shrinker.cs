using Igt.Kernel.Mm;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// i915_gem_shrinker: gives memory back under pressure. DONTNEED objects are purged first (their pages are gone
/// for good: MADVISE then reports retained = 0, CPU mappings fault, execbuf gets -EFAULT), then idle objects are
/// unbound and swapped out. Objects the GPU is using (unsignalled fences) or an execbuf has pinned are skipped,
/// and every lock is only tried, as reclaim may run under the driver's own locks.
/// The ShrinkBusyObjects known bug skips the active check and leaves the busy object's GPU PTEs in place.
/// </summary>
public sealed class I915Shrinker(I915Private i915) : Shrinker("i915")
{
    private bool Bug => i915.Bug(I915KnownBugs.ShrinkBusyObjects);

    public override long CountObjects(ShrinkControl sc)
    {
        long count = 0;
        foreach (var obj in Candidates())
            count += obj.ResidentPages;
        foreach (var u in Userptrs(includeActive: true))
            count += u.PageCount;
        return count;
    }

    /// <summary>
    /// Userptr pins released per reclaim call at least (pages): the anon LRU needs a pool of unpinned pages to
    /// swap, and giving back one object at a time loses the race with processes pinning more.
    /// </summary>
    public const long UserptrReleaseBatch = 1024;

    /// <summary>How long one reclaim pass may wait for busy userptrs to finish (I915_SHRINK_ACTIVE).</summary>
    public static readonly TimeSpan ActiveWaitBudget = TimeSpan.FromMilliseconds(100);

    public override long ScanObjects(ShrinkControl sc)
    {
        var released = ReleaseUserptrs(Math.Max(sc.NrToScan, UserptrReleaseBatch), out var scannedUserptr, ActiveWaitBudget);
        var freed = Shrink(sc.NrToScan, out var scanned);
        sc.NrScanned = scanned + scannedUserptr;
        // Released userptr pages are not free yet (the anon LRU swaps them next): only report what was freed.
        return freed == 0 && released == 0 ? ShrinkStop : freed;
    }

    /// <summary>
    /// put_pages of idle userptr objects: their pins go, so the process's pages become reclaimable by the anon
    /// LRU (userptr objects are shrinkable in i915). Returns the pages released.
    /// </summary>
    public long ReleaseUserptrs(long target, out long scanned, TimeSpan waitBudget = default)
    {
        long released = 0;
        scanned = 0;
        foreach (var u in Userptrs(includeActive: false))
        {
            if (released >= target)
                return released;
            scanned += u.PageCount;
            released += u.ShrinkRelease();
        }
        // Nothing idle enough: under pressure i915 shrinks active objects too (I915_SHRINK_ACTIVE), waiting for
        // the GPU a little, as reclaim would otherwise wait on writeback.
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(waitBudget.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        foreach (var u in Userptrs(includeActive: true))
        {
            if (released >= target)
                break;
            var left = deadline - System.Diagnostics.Stopwatch.GetTimestamp();
            if (left <= 0)
                break;
            u.WaitIdle(interruptible: false, (long)(left * (1e9 / System.Diagnostics.Stopwatch.Frequency)));
            scanned += u.PageCount;
            released += u.ShrinkRelease();
        }
        return released;
    }

    /// <summary>i915_gem_shrink for shmem objects: purgeable first, then idle ones. Returns the pages freed.</summary>
    public long Shrink(long target, out long scanned)
    {
        long freed = 0;
        scanned = 0;
        var all = Candidates().ToList();
        foreach (var purge in new[] { true, false })
        {
            foreach (var obj in all.Where(o => (o.Madv > 0) == purge))
            {
                if (freed >= target)
                    return freed;
                scanned += obj.ResidentPages;
                freed += Drop(obj, purge);
            }
        }
        return freed;
    }

    private IEnumerable<I915UserptrObject> Userptrs(bool includeActive = false) =>
        i915.Drm.LiveObjects().OfType<I915UserptrObject>().Where(u => includeActive ? u.ShrinkableIfIdle : u.Shrinkable);

    private IEnumerable<I915GemObject> Candidates() =>
        i915.Drm.LiveObjects().OfType<I915GemObject>()
            .Where(o => o.HasShmem && !o.Purged && o.ResidentPages > 0 && (Bug || o.IsIdle) && !o.HasPinnedVma);

    private long Drop(I915GemObject obj, bool purge)
    {
        if (!Monitor.TryEnter(obj.Lock))
            return 0;
        try
        {
            var busy = !obj.IsIdle;
            if (busy && !Bug)
                return 0;
            foreach (var vma in obj.Vmas)
            {
                if (vma.Bound && !vma.Vm.TryUnbindForShrink(vma, leavePtes: busy))
                    return 0;
            }
            if (obj.PinCount > 0)
                return 0;
            return purge ? obj.Purge() : obj.EvictPages();
        }
        finally
        {
            Monitor.Exit(obj.Lock);
        }
    }
}
