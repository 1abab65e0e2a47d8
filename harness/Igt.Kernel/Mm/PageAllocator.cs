using Igt.Kernel.Fault;
using Igt.Kernel.Printk;

namespace Igt.Kernel.Mm;

/// <summary>
/// The physical page allocator over the machine's RAM budget. Every page has an owner; freed pages are poisoned
/// and their generation bumped so stale references are caught. When no page is free the caller runs direct
/// reclaim (shrinkers, anon swap-out); kswapd reclaims in the background above the low watermark.
/// </summary>
public sealed partial class PageAllocator
{
    public const int PageShift = 12;
    public const int PageSize = 1 << PageShift;
    public const byte PoisonFree = 0x6b;

    [ThreadStatic] private static bool t_inReclaim;

    private const int SectionShift = 9;
    private const int SectionPages = 1 << SectionShift;

    private readonly object _lock = new();
    // Page metadata lives in sections allocated as the allocator first reaches them, so booting a machine with a
    // large budget costs nothing up front; a section is never replaced, so lock-free readers are safe.
    private readonly Section?[] _sections;
    private readonly Stack<uint> _freed = new();
    private readonly long[] _countByOwner = new long[Enum.GetValues<PageOwner>().Length];
    private readonly List<Shrinker> _shrinkers = new();
    private readonly KernelRandom _rng;
    private readonly Dmesg _dmesg;
    private readonly KernelReport _report;
    private readonly FaultInjection _faults;
    private uint _nextUnused;
    private long _free;
    private int _kasanReports;
    private Thread? _kswapd;
    private readonly SemaphoreSlim _kswapdWake = new(0);
    private volatile bool _stopping;

    public PageAllocator(long ramBytes, SwapArea swap, KernelRandom rng, Dmesg dmesg, KernelReport report,
        FaultInjection faults, bool kswapd = true)
    {
        TotalPages = (uint)(ramBytes >> PageShift);
        _sections = new Section?[(TotalPages + SectionPages - 1) >> SectionShift];
        _free = TotalPages;
        Swap = swap;
        _rng = rng;
        _dmesg = dmesg;
        _report = report;
        _faults = faults;
        KswapdEnabled = kswapd;
        LowWatermark = Math.Max(8, TotalPages / 64);
        HighWatermark = Math.Max(16, TotalPages / 32);
    }

    public uint TotalPages { get; }

    public long FreePages => Interlocked.Read(ref _free);

    public long LowWatermark { get; }

    public long HighWatermark { get; }

    public SwapArea Swap { get; }

    public VmStat VmStat { get; } = new();

    /// <summary>The CPU cache model for non-coherent device memory (see <see cref="Mm.CpuCache"/>).</summary>
    public CpuCache CpuCache => _cpuCache ??= new CpuCache(this);

    private CpuCache? _cpuCache;

    /// <summary>
    /// Writes back and drops the CPU cache lines of a frame before the kernel copies it with a CPU read (swap-out):
    /// the kernel is a CPU too and must see dirty lines. No-op when nothing was ever cached.
    /// </summary>
    public void FlushCpuCache(PageRef page) => _cpuCache?.CleanInvalidate(page);

    /// <summary>
    /// A cache-coherent device's access snoops the CPU caches: a read sees dirty lines (they are written back first),
    /// a write leaves no stale line behind. Free when nothing was ever cached.
    /// </summary>
    public void SnoopCpuCache(PageRef page, int offset, int length, bool write)
    {
        if (_cpuCache is null || _cpuCache.LineCount == 0)
            return;
        if (write)
            _cpuCache.CleanInvalidate(page, offset, length);
        else
            _cpuCache.Clean(page, offset, length);
    }

    public bool KswapdEnabled { get; }

    /// <summary>KASAN reports only the first bug unless multi-shot is on, like the kernel's default.</summary>
    public bool KasanMultiShot { get; set; }

    public long PagesOwnedBy(PageOwner owner) => Interlocked.Read(ref _countByOwner[(int)owner]);

    public void RegisterShrinker(Shrinker s)
    {
        lock (_shrinkers)
            _shrinkers.Add(s);
    }

    public void UnregisterShrinker(Shrinker s)
    {
        lock (_shrinkers)
            _shrinkers.Remove(s);
    }

    /// <summary>alloc_page(): 0 or -ENOMEM. Runs direct reclaim when the budget is exhausted.</summary>
    public int Alloc(PageOwner owner, object? ownerObj, GfpFlags gfp, out PageRef page)
    {
        if (_faults.ShouldFail(FaultSites.AllocPage))
        {
            Interlocked.Increment(ref VmStat.PgAllocFail);
            page = PageRef.None;
            return -Errno.ENOMEM;
        }

        for (var attempt = 0; ; attempt++)
        {
            if (TryTake(owner, ownerObj, out page))
                break;
            if ((gfp & GfpFlags.NoReclaim) != 0 || t_inReclaim || attempt >= 4)
            {
                Interlocked.Increment(ref VmStat.PgAllocFail);
                if ((gfp & GfpFlags.NoWarn) == 0)
                    _dmesg.Printk(LogLevel.Warning,
                        $"{CurrentComm()}: page allocation failure: order:0, mode:0x{(int)gfp:x}(GFP_KERNEL), nodemask=(null)");
                return -Errno.ENOMEM;
            }
            Interlocked.Increment(ref VmStat.AllocStall);
            Reclaim(Math.Max(32, HighWatermark - FreePages), kswapd: false);
        }

        var data = DataRef(page.Pfn) ??= new byte[PageSize];
        if ((gfp & GfpFlags.Zero) != 0)
            Array.Clear(data);
        if (KswapdEnabled && FreePages < LowWatermark)
            WakeKswapd();
        return 0;
    }

    /// <summary>__free_page(): poisons the page and makes every reference to it stale.</summary>
    public void Free(PageRef page, string function = "free_page")
    {
        lock (_lock)
        {
            if (page.IsNone || page.Pfn >= _nextUnused || GenRef(page.Pfn) != page.Generation || OwnerRef(page.Pfn) == PageOwner.Free)
            {
                _report.BadPage(page.Pfn, "double free or stale page reference", function);
                return;
            }
            if (PinnedRef(page.Pfn) > 0)
            {
                // A get_user_pages pin keeps the page alive: the last unpin frees it.
                FreeOnUnpinRef(page.Pfn) = true;
                return;
            }
            _countByOwner[(int)OwnerRef(page.Pfn)]--;
            OwnerRef(page.Pfn) = PageOwner.Free;
            OwnerObjRef(page.Pfn) = null;
            unchecked { GenRef(page.Pfn)++; }
        }
        _cpuCache?.DropFrame(page.Pfn);
        // Poison before the page goes back on the free list: once there, another CPU may allocate and fill it.
        if (DataRef(page.Pfn) is { } d)
            d.AsSpan().Fill(PoisonFree);
        lock (_lock)
        {
            _freed.Push(page.Pfn);
            _free++;
        }
    }

    /// <summary>True when the reference still names the page it was taken on.</summary>
    public bool IsCurrent(PageRef page) =>
        !page.IsNone && page.Pfn < Volatile.Read(ref _nextUnused) && Volatile.Read(ref GenRef(page.Pfn)) == page.Generation
        && OwnerRef(page.Pfn) != PageOwner.Free;

    public PageOwner OwnerOf(uint pfn) => _sections[pfn >> SectionShift] is { } sec ? sec.Owner[pfn & (SectionPages - 1)] : PageOwner.Free;

    public object? OwnerObjectOf(uint pfn) => _sections[pfn >> SectionShift] is { } sec ? sec.OwnerObj[pfn & (SectionPages - 1)] : null;

    /// <summary>
    /// The page contents for an access through <paramref name="page"/>. A stale reference is reported as
    /// "BUG: KASAN: use-after-free" and the access still goes to the frame, as on hardware: whoever owns it now
    /// sees the corruption.
    /// </summary>
    public Span<byte> Access(PageRef page, string function, string accessor, int offset, int size, bool write)
    {
        if (!IsCurrent(page))
            ReportStale(page, function, accessor, offset, size, write);
        return DataRef(page.Pfn) ??= new byte[PageSize];
    }

    /// <summary>Unchecked contents of a page the caller owns (allocator users that hold the page).</summary>
    public Span<byte> Data(PageRef page) => DataRef(page.Pfn) ??= new byte[PageSize];

    /// <summary>Pins a page (get_user_pages): reclaim leaves pinned pages alone.</summary>
    public void Pin(PageRef page)
    {
        lock (_lock)
            PinnedRef(page.Pfn)++;
    }

    public void Unpin(PageRef page)
    {
        bool free;
        lock (_lock)
        {
            if (!IsCurrent(page) || PinnedRef(page.Pfn) <= 0)
                return;
            free = --PinnedRef(page.Pfn) == 0 && FreeOnUnpinRef(page.Pfn);
            if (free)
                FreeOnUnpinRef(page.Pfn) = false;
        }
        if (free)
            Free(page, "unpin_user_page");
    }

    public bool IsPinned(PageRef page)
    {
        lock (_lock)
            return PinnedRef(page.Pfn) > 0;
    }

    /// <summary>Re-labels a page's owner (e.g. an anon page that became part of a GEM object).</summary>
    public void SetOwner(PageRef page, PageOwner owner, object? ownerObj)
    {
        lock (_lock)
        {
            if (!IsCurrent(page))
                return;
            _countByOwner[(int)OwnerRef(page.Pfn)]--;
            OwnerRef(page.Pfn) = owner;
            OwnerObjRef(page.Pfn) = ownerObj;
            _countByOwner[(int)owner]++;
        }
    }

    /// <summary>
    /// Reclaims up to <paramref name="target"/> pages through the shrinkers, in a seeded order.
    /// Returns the number of pages freed.
    /// </summary>
    public long Reclaim(long target, bool kswapd)
    {
        if (t_inReclaim)
            return 0;
        t_inReclaim = true;
        try
        {
            long freed = 0;
            for (var pass = 0; pass < 3 && freed < target; pass++)
            {
                List<Shrinker> order;
                lock (_shrinkers)
                    order = new List<Shrinker>(_shrinkers);
                _rng.Shuffle(order);
                var progress = false;
                foreach (var s in order)
                {
                    if (freed >= target)
                        break;
                    var sc = new ShrinkControl { Kswapd = kswapd };
                    var count = s.CountObjects(sc);
                    if (count <= 0)
                        continue;
                    sc.NrToScan = Math.Min(count, Math.Max(32, target - freed));
                    var got = s.ScanObjects(sc);
                    var scanned = sc.NrScanned > 0 ? sc.NrScanned : sc.NrToScan;
                    Interlocked.Add(ref kswapd ? ref VmStat.PgScanKswapd : ref VmStat.PgScanDirect, scanned);
                    if (got > 0)
                    {
                        freed += got;
                        progress = true;
                        Interlocked.Add(ref kswapd ? ref VmStat.PgStealKswapd : ref VmStat.PgStealDirect, got);
                    }
                }
                if (!progress)
                    break;
            }
            return freed;
        }
        finally
        {
            t_inReclaim = false;
        }
    }

    /// <summary>echo 3 &gt; drop_caches style: reclaim as much as the shrinkers give.</summary>
    public long ReclaimAll() => Reclaim(long.MaxValue / 2, kswapd: false);

    public void Stop()
    {
        _stopping = true;
        _kswapdWake.Release();
        _kswapd?.Join(2000);
    }

    /// <summary>Pages handed out right now, by owner, for leak checks.</summary>
    public long UsedPages => TotalPages - FreePages;

    private bool TryTake(PageOwner owner, object? ownerObj, out PageRef page)
    {
        lock (_lock)
        {
            uint pfn;
            if (_freed.Count > 0)
                pfn = _freed.Pop();
            else if (_nextUnused < TotalPages)
            {
                pfn = _nextUnused++;
                if ((pfn & (SectionPages - 1)) == 0)
                    Volatile.Write(ref _sections[pfn >> SectionShift], new Section());
            }
            else
            {
                page = PageRef.None;
                return false;
            }
            OwnerRef(pfn) = owner;
            OwnerObjRef(pfn) = ownerObj;
            _countByOwner[(int)owner]++;
            _free--;
            page = new PageRef(pfn, GenRef(pfn));
            return true;
        }
    }

    private void ReportStale(PageRef page, string function, string accessor, int offset, int size, bool write)
    {
        if (!KasanMultiShot && Interlocked.Increment(ref _kasanReports) > 1)
            return;
        var state = page.Pfn < _nextUnused && OwnerRef(page.Pfn) != PageOwner.Free
            ? $"page now owned by {OwnerRef(page.Pfn)}"
            : "page is free";
        _report.Kasan("use-after-free", function, 0xffff888000000000UL + page.PhysAddr + (ulong)offset, size, write,
            accessor, freedBy: state);
    }

    private void WakeKswapd()
    {
        if (_stopping)
            return;
        if (_kswapd is null)
        {
            lock (_lock)
            {
                if (_kswapd is null)
                {
                    _kswapd = new Thread(KswapdLoop) { IsBackground = true, Name = "kswapd0" };
                    _kswapd.Start();
                }
            }
        }
        Interlocked.Increment(ref VmStat.KswapdWakeups);
        if (_kswapdWake.CurrentCount == 0)
            _kswapdWake.Release();
    }

    private void KswapdLoop()
    {
        while (!_stopping)
        {
            _kswapdWake.Wait(100);
            if (_stopping)
                break;
            while (!_stopping && FreePages < HighWatermark)
            {
                if (Reclaim(Math.Max(32, HighWatermark - FreePages), kswapd: true) == 0)
                    break;
            }
        }
    }

    private Section Sec(uint pfn) => _sections[pfn >> SectionShift]!;

    private ref byte[]? DataRef(uint pfn) => ref Sec(pfn).Data[pfn & (SectionPages - 1)];

    private ref PageOwner OwnerRef(uint pfn) => ref Sec(pfn).Owner[pfn & (SectionPages - 1)];

    private ref object? OwnerObjRef(uint pfn) => ref Sec(pfn).OwnerObj[pfn & (SectionPages - 1)];

    private ref uint GenRef(uint pfn) => ref Sec(pfn).Gen[pfn & (SectionPages - 1)];

    private ref int PinnedRef(uint pfn) => ref Sec(pfn).Pinned[pfn & (SectionPages - 1)];

    private ref bool FreeOnUnpinRef(uint pfn) => ref Sec(pfn).FreeOnUnpin[pfn & (SectionPages - 1)];

    /// <summary>Metadata of 512 consecutive page frames (struct page array of a memory section).</summary>
    private sealed class Section
    {
        public readonly byte[]?[] Data = new byte[]?[SectionPages];
        public readonly PageOwner[] Owner = new PageOwner[SectionPages];
        public readonly object?[] OwnerObj = new object?[SectionPages];
        public readonly uint[] Gen = new uint[SectionPages];
        public readonly int[] Pinned = new int[SectionPages];
        public readonly bool[] FreeOnUnpin = new bool[SectionPages];
    }

    private static string CurrentComm() => Thread.CurrentThread.Name ?? "kworker";
}
