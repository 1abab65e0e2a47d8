using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm.Gem;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_gem_object: a shmem BO with a cache mode. Pages come one by one as the CPU faults them (see
/// <see cref="EtnavivGemVmOps"/>) and all at once only when the GPU maps the BO: a mapping pins every page until
/// the BO or the MMU context goes away. <see cref="GpuActive"/> counts submits on the hardware (GEM_WAIT).
/// </summary>
public class EtnavivGem : GemObject
{
    private readonly List<EtnavivVramMapping> _mappings = new();
    private int _gpuActive;

    public EtnavivGem(EtnavivDrmPrivate priv, ulong size, uint flags)
        : base(priv.Dev, size)
    {
        Priv = priv;
        Flags = flags;
        priv.ObjectAdded();
    }

    /// <summary>etnaviv_gem_prime_import_sg_table(): another exporter's buffer, mapped write-combined.</summary>
    public EtnavivGem(EtnavivDrmPrivate priv, Igt.Drm.Prime.DmaBufAttachment attach)
        : base(priv.Dev, attach)
    {
        Priv = priv;
        Flags = EtnavivIoctls.BoWc;
        priv.ObjectAdded();
    }

    public EtnavivDrmPrivate Priv { get; }

    /// <summary>ETNA_BO_* flags given at creation.</summary>
    public uint Flags { get; }

    public virtual bool IsUserptr => false;

    public CacheMode CacheMode => (Flags & EtnavivIoctls.BoCacheMask) switch
    {
        EtnavivIoctls.BoWc => CacheMode.WriteCombined,
        EtnavivIoctls.BoUncached => CacheMode.Uncached,
        _ => CacheMode.WriteBack,
    };

    public bool IsCached => (Flags & EtnavivIoctls.BoCacheMask) == EtnavivIoctls.BoCached;

    public int GpuActive => Volatile.Read(ref _gpuActive);

    /// <summary>last_cpu_prep_op: what CPU_PREP last prepared for (CPU_FINI syncs accordingly).</summary>
    public uint LastCpuPrepOp { get; set; }

    public IReadOnlyList<EtnavivVramMapping> Mappings
    {
        get { lock (Lock) return _mappings.ToArray(); }
    }

    /// <summary>
    /// dma_sync_sgtable_for_cpu() with the direction of a CPU_PREP op: before the CPU reads what the GPU wrote, the
    /// CPU cache lines of the resident pages are dropped. (Pages never touched have no lines.)
    /// </summary>
    internal void SyncForCpu(uint op)
    {
        if ((op & EtnavivIoctls.PrepRead) == 0)
            return;
        var cache = Dev.Machine.Pages.CpuCache;
        for (var i = 0; i < PageCount; i++)
            if (PeekPage(i) is { IsNone: false } p)
                cache.Invalidate(p);
    }

    /// <summary>dma_sync_sgtable_for_device() for the last CPU_PREP op: CPU writes go to memory for the GPU.</summary>
    internal void SyncForDevice(uint op)
    {
        var cache = Dev.Machine.Pages.CpuCache;
        for (var i = 0; i < PageCount; i++)
        {
            if (PeekPage(i) is not { IsNone: false } p)
                continue;
            if ((op & EtnavivIoctls.PrepWrite) != 0)
                cache.Clean(p);
            else
                cache.Invalidate(p);
        }
    }

    internal void ActiveGet() => Interlocked.Increment(ref _gpuActive);

    internal void ActivePut() => Interlocked.Decrement(ref _gpuActive);

    /// <summary>
    /// etnaviv_gem_mapping_get(): the BO's mapping in <paramref name="ctx"/>, created (pages allocated and pinned)
    /// when missing, with one more use. With a softpin <paramref name="va"/> an existing mapping elsewhere is
    /// reaped if idle, else the request fails with -EINVAL.
    /// </summary>
    public int MappingGet(EtnavivIommuContext ctx, ulong va, out EtnavivVramMapping? mapping)
    {
        lock (Lock)
        {
            mapping = _mappings.FirstOrDefault(m => ReferenceEquals(m.Context, ctx) && !m.Unmapped);
            if (mapping is not null)
            {
                if (va == 0 || mapping.Iova == va)
                {
                    mapping.Use++;
                    return 0;
                }
                if (mapping.Use > 0)
                {
                    mapping = null;
                    return -Errno.EINVAL;
                }
                ReleaseMappingLocked(mapping);
            }
            var err = GetPagesForGpu(out var pages);
            if (err != 0)
            {
                mapping = null;
                return err;
            }
            err = ctx.MapGem(this, pages, va, out mapping);
            if (err != 0)
            {
                PutPagesForGpu();
                return err;
            }
            mapping!.Use = 1;
            _mappings.Add(mapping);
            return 0;
        }
    }

    /// <summary>etnaviv_gem_mapping_unreference(): the submit is done with the mapping; it stays cached.</summary>
    public void MappingPut(EtnavivVramMapping mapping)
    {
        lock (Lock)
        {
            if (mapping.Use > 0)
                mapping.Use--;
        }
    }

    /// <summary>Unmaps and unpins one mapping (its context is going away).</summary>
    internal void ReleaseMapping(EtnavivVramMapping mapping)
    {
        lock (Lock)
            ReleaseMappingLocked(mapping);
    }

    /// <summary>etnaviv_gem_free_object(): every mapping goes with the BO.</summary>
    internal void ReleaseAllMappings()
    {
        lock (Lock)
        {
            foreach (var m in _mappings.ToList())
                ReleaseMappingLocked(m);
        }
    }

    private void ReleaseMappingLocked(EtnavivVramMapping mapping)
    {
        if (!_mappings.Remove(mapping))
            return;
        mapping.Context.UnmapGem(mapping);
        PutPagesForGpu();
    }

    /// <summary>etnaviv_gem_get_pages(): every page resident and pinned for a GPU mapping.</summary>
    protected virtual int GetPagesForGpu(out PageRef[] pages)
    {
        pages = [];
        if (Size == 0)
            return -Errno.ENOSPC;
        var err = PinPages();
        if (err != 0)
            return err;
        pages = new PageRef[PageCount];
        for (var i = 0; i < PageCount; i++)
            pages[i] = PeekPage(i);
        return 0;
    }

    protected virtual void PutPagesForGpu() => UnpinPages();

    protected override void Free()
    {
        base.Free();
        Priv.ObjectRemoved();
    }
}
