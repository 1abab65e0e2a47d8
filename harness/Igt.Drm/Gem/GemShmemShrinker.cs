using Igt.Kernel.Mm;

namespace Igt.Drm.Gem;

/// <summary>
/// What the kernel's shmem LRU does for GEM objects of a driver that keeps no pages pinned (vgem): idle objects
/// whose pages nobody pinned are swapped out, and CPU mmaps refault them. Drivers opt in with
/// <see cref="DrmDriver.ShmemReclaim"/>; drivers that map pages into GPU page tables pin them or run their own shrinker.
/// </summary>
internal sealed class GemShmemShrinker(DrmDevice dev) : Shrinker($"{dev.Driver.Name}-shmem")
{
    public override long CountObjects(ShrinkControl sc) =>
        dev.LiveObjects().Where(o => o.PinCount == 0 && !o.Purged && o.ImportAttach is null).Sum(o => (long)o.ResidentPages);

    public override long ScanObjects(ShrinkControl sc)
    {
        long freed = 0;
        foreach (var obj in dev.LiveObjects())
        {
            if (freed >= sc.NrToScan)
                break;
            if (obj.ImportAttach is not null || !Monitor.TryEnter(obj.Lock))
                continue;
            try
            {
                sc.NrScanned += obj.ResidentPages;
                freed += obj.EvictPages();
            }
            finally
            {
                Monitor.Exit(obj.Lock);
            }
        }
        return freed == 0 ? ShrinkStop : freed;
    }
}
