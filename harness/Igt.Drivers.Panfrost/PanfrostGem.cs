using Igt.Drm;
using Igt.Drm.Gem;
using Igt.Drm.Prime;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// struct panfrost_gem_object: a shmem GEM object with its GPU mappings (one per address space that opened it),
/// the NOEXEC/HEAP flags, gpu_usecount (jobs using it) and its place on the device's shrinker list while
/// DONTNEED. A PRIME import from another device is a panfrost BO too (always NOEXEC) whose pages are the
/// exporter's.
/// </summary>
public sealed class PanfrostGem : GemObject
{
    private readonly List<PanfrostGemMapping> _mappings = new();
    private int _gpuUsecount;

    public PanfrostGem(PanfrostDevice pfdev, ulong size, bool noExec, bool heap)
        : base(pfdev.Dev, size)
    {
        Pfdev = pfdev;
        NoExec = noExec;
        IsHeap = heap;
    }

    /// <summary>panfrost_gem_prime_import_sg_table(): wraps another device's dma-buf.</summary>
    public PanfrostGem(PanfrostDevice pfdev, DmaBufAttachment attach)
        : base(pfdev.Dev, attach)
    {
        Pfdev = pfdev;
        NoExec = true;
    }

    public PanfrostDevice Pfdev { get; }

    public bool NoExec { get; }

    public bool IsHeap { get; }

    /// <summary>The attachment of an imported BO (import_attach).</summary>
    public DmaBufAttachment? Imported => ImportAttach;

    /// <summary>bo->mappings.lock.</summary>
    public object MappingsLock => _mappings;

    /// <summary>Jobs in flight that use the BO; the shrinker leaves it alone while &gt; 0.</summary>
    public int GpuUsecount => Volatile.Read(ref _gpuUsecount);

    /// <summary>Whether the BO sits on the device's shrinker list (DONTNEED and retained). Guarded by the shrinker lock.</summary>
    internal bool OnShrinkerList { get; set; }

    /// <summary>Pages of a heap BO made resident by GPU faults.</summary>
    public long HeapRssPages { get; internal set; }

    public IReadOnlyList<PanfrostGemMapping> Mappings
    {
        get { lock (_mappings) return _mappings.ToArray(); }
    }

    internal void GpuUsecountInc() => Interlocked.Increment(ref _gpuUsecount);

    internal void GpuUsecountDec() => Interlocked.Decrement(ref _gpuUsecount);

    /// <summary>panfrost_gem_mapping_get(): this file's mapping with a new reference, or null.</summary>
    public PanfrostGemMapping? MappingGet(PanfrostMmu mmu)
    {
        lock (_mappings)
        {
            var m = _mappings.FirstOrDefault(x => ReferenceEquals(x.Mmu, mmu));
            m?.Get();
            return m;
        }
    }

    /// <summary>The mapping every file shares under the MappingOnObject known bug (the first one), with a reference.</summary>
    internal PanfrostGemMapping? AnyMappingGet()
    {
        lock (_mappings)
        {
            var m = _mappings.FirstOrDefault();
            m?.Get();
            return m;
        }
    }

    internal void AddMapping(PanfrostGemMapping m)
    {
        lock (_mappings)
            _mappings.Add(m);
    }

    /// <summary>Unlinks and returns the first mapping of <paramref name="mmu"/> (any mmu when null).</summary>
    internal PanfrostGemMapping? RemoveMapping(PanfrostMmu? mmu)
    {
        lock (_mappings)
        {
            var m = _mappings.FirstOrDefault(x => mmu is null || ReferenceEquals(x.Mmu, mmu));
            if (m is not null)
                _mappings.Remove(m);
            return m;
        }
    }

    /// <summary>panfrost_gem_teardown_mappings_locked(): unmaps every mapping (they stay linked). Caller holds <see cref="MappingsLock"/>.</summary>
    internal void TeardownMappingsLocked()
    {
        foreach (var m in _mappings)
            m.Teardown();
    }

    // ---- backing store -----------------------------------------------------------------------------------

    /// <summary>LeakStaleContents drops __GFP_ZERO: a recycled page keeps whatever it held.</summary>
    protected override GfpFlags AllocGfp =>
        Pfdev.Bug(KnownBugs.LeakStaleContents) ? GfpFlags.NoWarn : base.AllocGfp;

    /// <summary>Panfrost BOs are never swapped: GPU page tables reference their pages.</summary>
    public override long EvictPages() => 0;


    /// <summary>Heap growth: makes the pages of [first, first + count) resident and returns them. 0 or -errno.</summary>
    internal int GetPages(int first, int count, List<PageRef> pages)
    {
        lock (Lock)
        {
            for (var i = first; i < first + count && i < PageCount; i++)
            {
                var err = GetPage(i, out var p);
                if (err != 0)
                    return err;
                pages.Add(p);
            }
            return 0;
        }
    }

    public override string ToString() =>
        base.ToString() + $" noexec={NoExec} heap={IsHeap} gpu_usecount={GpuUsecount} mappings={Mappings.Count}";
}
