using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Sync;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_cmdbuf_suballoc: one 512 KiB write-combined DMA buffer for every command buffer the GPU executes (the ring
/// and the kernel copies of user streams), handed out in power-of-two runs of 4 KiB granules. The GPU reaches it at
/// <see cref="BusAddress"/> through the MMUv1 linear window, and at <see cref="V2Va"/> in every MMUv2 address space.
/// </summary>
public sealed class EtnavivCmdbufSuballoc
{
    public const int Size = 512 * 1024;
    public const int Granule = 4096;
    public const int Granules = Size / Granule;

    /// <summary>dma_addr of the buffer: the emulated CMA window, reached by the GPU through the MMUv1 linear window.</summary>
    public const uint BusAddress = 0x1000_0000;

    /// <summary>Where the buffer is mapped (read-only) in each MMUv2 context: below ETNAVIV_SOFTPIN_START_ADDRESS.</summary>
    public const uint V2Va = 0x0010_0000;

    private static readonly TimeSpan SpaceTimeout = TimeSpan.FromSeconds(10);
    private readonly object _lock = new();
    private readonly bool[] _granuleMap = new bool[Granules];
    private readonly WaitQueue _freeEvent = new();
    private readonly DrmDevice _dev;
    private bool _freeSpace = true;

    private EtnavivCmdbufSuballoc(DrmDevice dev, PageRef[] pages)
    {
        _dev = dev;
        Pages = pages;
    }

    /// <summary>The backing pages (PageOwner.Kernel). Stale after <see cref="Destroy"/>.</summary>
    public PageRef[] Pages { get; }

    public bool Destroyed { get; private set; }

    internal PageAllocator Allocator => _dev.Machine.Pages;

    /// <summary>etnaviv_cmdbuf_suballoc_new(): 0 or -ENOMEM.</summary>
    public static int Create(DrmDevice dev, out EtnavivCmdbufSuballoc? suballoc)
    {
        var pages = new PageRef[Granules];
        for (var i = 0; i < Granules; i++)
        {
            var err = dev.Machine.Pages.Alloc(PageOwner.Kernel, "etnaviv-cmdbuf", GfpFlags.Zero, out pages[i]);
            if (err != 0)
            {
                for (var j = 0; j < i; j++)
                    dev.Machine.Pages.Free(pages[j], "etnaviv_cmdbuf_suballoc_new");
                suballoc = null;
                return err;
            }
        }
        suballoc = new EtnavivCmdbufSuballoc(dev, pages);
        return 0;
    }

    /// <summary>
    /// etnaviv_cmdbuf_init(): a run of 2^order granules for <paramref name="size"/> bytes. Waits up to 10 s for space,
    /// then logs "Timeout waiting for cmdbuf space" and returns -ETIMEDOUT.
    /// </summary>
    public int Alloc(int size, out EtnavivCmdbuf? cmdbuf)
    {
        cmdbuf = null;
        var granules = (size + Granule - 1) / Granule;
        var order = 0;
        while ((1 << order) < granules)
            order++;
        while (true)
        {
            lock (_lock)
            {
                var offs = FindFreeRegion(order);
                if (offs >= 0)
                {
                    for (var i = 0; i < 1 << order; i++)
                        _granuleMap[offs + i] = true;
                    cmdbuf = new EtnavivCmdbuf(this, offs * Granule, size, order);
                    return 0;
                }
                _freeSpace = false;
            }
            var r = _freeEvent.WaitEvent(() => Volatile.Read(ref _freeSpace), (long)SpaceTimeout.TotalNanoseconds, interruptible: true);
            if (r == 0)
            {
                _dev.DevErr("Timeout waiting for cmdbuf space");
                return -Errno.ETIMEDOUT;
            }
            // Like the real driver, a signal just means "look again".
        }
    }

    /// <summary>etnaviv_cmdbuf_free().</summary>
    public void Free(EtnavivCmdbuf cmdbuf)
    {
        lock (_lock)
        {
            var first = cmdbuf.Offset / Granule;
            for (var i = 0; i < 1 << cmdbuf.Order; i++)
                _granuleMap[first + i] = false;
            _freeSpace = true;
        }
        _freeEvent.WakeUpAll();
    }

    public int UsedGranules
    {
        get { lock (_lock) return _granuleMap.Count(g => g); }
    }

    /// <summary>The page and offset behind byte <paramref name="offset"/> of the buffer.</summary>
    public PageRef PageAt(int offset, out int inPage)
    {
        inPage = offset & (Granule - 1);
        return Pages[offset / Granule];
    }

    /// <summary>etnaviv_cmdbuf_suballoc_destroy(): frees the pages; every reference to them goes stale.</summary>
    public void Destroy()
    {
        lock (_lock)
        {
            if (Destroyed)
                return;
            Destroyed = true;
        }
        foreach (var p in Pages)
            _dev.Machine.Pages.Free(p, "etnaviv_cmdbuf_suballoc_destroy");
    }

    /// <summary>bitmap_find_free_region(): the first free run of 2^order granules aligned to its size, or -1.</summary>
    private int FindFreeRegion(int order)
    {
        var n = 1 << order;
        for (var start = 0; start + n <= Granules; start += n)
        {
            var free = true;
            for (var i = 0; i < n && free; i++)
                free = !_granuleMap[start + i];
            if (free)
                return start;
        }
        return -1;
    }
}
