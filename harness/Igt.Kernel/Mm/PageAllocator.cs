using Igt.Kernel.Fault;
using Igt.Kernel.Printk;

namespace Igt.Kernel.Mm;

/// <summary>
/// The physical page allocator over the machine's RAM budget. Every page has an owner; freed pages are poisoned
/// and their generation bumped so stale references are caught. When no page is free the caller runs direct
/// reclaim (shrinkers, anon swap-out); kswapd reclaims in the background above the low watermark.
/// </summary>
public sealed class PageAllocator
{
    public const int PageShift = 12;
    public const int PageSize = 1 << PageShift;
    public const byte PoisonFree = 0x6b;

    [ThreadStatic] private static bool t_inReclaim;

    private readonly object _lock = new();
    private readonly byte[]?[] _data;
    private readonly PageOwner[] _owner;
    private readonly object?[] _ownerObj;
    private readonly uint[] _gen;
    private readonly int[] _pinned;
    private readonly bool[] _freeOnUnpin;
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
        _data = new byte[]?[TotalPages];
        _owner = new PageOwner[TotalPages];
        _ownerObj = new object?[TotalPages];
        _gen = new uint[TotalPages];
        _pinned = new int[TotalPages];
        _freeOnUnpin = new bool[TotalPages];
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

        var data = _data[page.Pfn] ??= new byte[PageSize];
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
            if (page.IsNone || page.Pfn >= TotalPages || _gen[page.Pfn] != page.Generation || _owner[page.Pfn] == PageOwner.Free)
            {
                _report.BadPage(page.Pfn, "double free or stale page reference", function);
                return;
            }
            if (_pinned[page.Pfn] > 0)
            {
                // A get_user_pages pin keeps the page alive: the last unpin frees it.
                _freeOnUnpin[page.Pfn] = true;
                return;
            }
            _countByOwner[(int)_owner[page.Pfn]]--;
            _owner[page.Pfn] = PageOwner.Free;
            _ownerObj[page.Pfn] = null;
            unchecked { _gen[page.Pfn]++; }
        }
        // Poison before the page goes back on the free list: once there, another CPU may allocate and fill it.
        if (_data[page.Pfn] is { } d)
            d.AsSpan().Fill(PoisonFree);
        lock (_lock)
        {
            _freed.Push(page.Pfn);
            _free++;
        }
    }

    /// <summary>True when the reference still names the page it was taken on.</summary>
    public bool IsCurrent(PageRef page) =>
        !page.IsNone && page.Pfn < TotalPages && Volatile.Read(ref _gen[page.Pfn]) == page.Generation
        && _owner[page.Pfn] != PageOwner.Free;

    public PageOwner OwnerOf(uint pfn) => _owner[pfn];

    public object? OwnerObjectOf(uint pfn) => _ownerObj[pfn];

    /// <summary>
    /// The page contents for an access through <paramref name="page"/>. A stale reference is reported as
    /// "BUG: KASAN: use-after-free" and the access still goes to the frame, as on hardware: whoever owns it now
    /// sees the corruption.
    /// </summary>
    public Span<byte> Access(PageRef page, string function, string accessor, int offset, int size, bool write)
    {
        if (!IsCurrent(page))
            ReportStale(page, function, accessor, offset, size, write);
        return _data[page.Pfn] ??= new byte[PageSize];
    }

    /// <summary>Unchecked contents of a page the caller owns (allocator users that hold the page).</summary>
    public Span<byte> Data(PageRef page) => _data[page.Pfn] ??= new byte[PageSize];

    /// <summary>Pins a page (get_user_pages): reclaim leaves pinned pages alone.</summary>
    public void Pin(PageRef page)
    {
        lock (_lock)
            _pinned[page.Pfn]++;
    }

    public void Unpin(PageRef page)
    {
        bool free;
        lock (_lock)
        {
            if (!IsCurrent(page) || _pinned[page.Pfn] <= 0)
                return;
            free = --_pinned[page.Pfn] == 0 && _freeOnUnpin[page.Pfn];
            if (free)
                _freeOnUnpin[page.Pfn] = false;
        }
        if (free)
            Free(page, "unpin_user_page");
    }

    public bool IsPinned(PageRef page)
    {
        lock (_lock)
            return _pinned[page.Pfn] > 0;
    }

    /// <summary>Re-labels a page's owner (e.g. an anon page that became part of a GEM object).</summary>
    public void SetOwner(PageRef page, PageOwner owner, object? ownerObj)
    {
        lock (_lock)
        {
            if (!IsCurrent(page))
                return;
            _countByOwner[(int)_owner[page.Pfn]]--;
            _owner[page.Pfn] = owner;
            _ownerObj[page.Pfn] = ownerObj;
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
                pfn = _nextUnused++;
            else
            {
                page = PageRef.None;
                return false;
            }
            _owner[pfn] = owner;
            _ownerObj[pfn] = ownerObj;
            _countByOwner[(int)owner]++;
            _free--;
            page = new PageRef(pfn, _gen[pfn]);
            return true;
        }
    }

    private void ReportStale(PageRef page, string function, string accessor, int offset, int size, bool write)
    {
        if (!KasanMultiShot && Interlocked.Increment(ref _kasanReports) > 1)
            return;
        var state = page.Pfn < TotalPages && _owner[page.Pfn] != PageOwner.Free
            ? $"page now owned by {_owner[page.Pfn]}"
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

    private static string CurrentComm() => Thread.CurrentThread.Name ?? "kworker";
}
