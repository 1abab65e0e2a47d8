using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Uapi;
using Igt.Drm.Fences;
using Igt.Drm.Gem;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Sync;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// drm_i915_gem_object: a shmem GEM object plus what i915 tracks on it: caching level, tiling, CPU domains,
/// its VMAs in every address space, and (through its reservation object) the requests using it.
/// </summary>
public class I915GemObject : GemObject
{
    private readonly List<I915Vma> _vmas = new();

    public I915GemObject(I915Private i915, ulong size) : base(i915.Drm, size)
    {
        I915 = i915;
        CacheLevel = i915.Platform.GraphicsVersion >= 8 ? I915Caching.Cached : I915Caching.None;
        ReadDomains = I915GemDomain.Cpu;
        WriteDomain = I915GemDomain.Cpu;
    }

    /// <summary>i915_gem_prime_import: an i915 object over another exporter's dma-buf (bound like any object).</summary>
    public I915GemObject(I915Private i915, Igt.Drm.Prime.DmaBufAttachment attach) : base(i915.Drm, attach)
    {
        I915 = i915;
        CacheLevel = I915Caching.Cached;
        ReadDomains = I915GemDomain.Gtt;
        WriteDomain = 0;
    }

    public I915Private I915 { get; }

    /// <summary>I915_CACHING_* as GET_CACHING reports it.</summary>
    public uint CacheLevel { get; set; }

    public uint TilingMode { get; set; }

    public uint Stride { get; set; }

    public uint ReadDomains { get; set; }

    public uint WriteDomain { get; set; }

    /// <summary>PTEs are written without the RW bit (read-only userptr).</summary>
    public virtual bool ReadOnly => false;

    /// <summary>Backed by shmem (has a filp): legacy GEM_MMAP and pread/pwrite work on it.</summary>
    public virtual bool HasShmem => true;

    public virtual bool IsUserptr => false;

    /// <summary>obj->base.filp, created when the legacy GEM_MMAP first maps the object.</summary>
    public I915ShmemFile? Filp { get; internal set; }

    public IReadOnlyList<I915Vma> Vmas
    {
        get { lock (_vmas) return _vmas.ToList(); }
    }

    internal void AddVma(I915Vma vma)
    {
        lock (_vmas)
            _vmas.Add(vma);
    }

    internal void RemoveVma(I915Vma vma)
    {
        lock (_vmas)
            _vmas.Remove(vma);
    }

    /// <summary>No request is using the object (all fences of its reservation object signalled).</summary>
    public bool IsIdle => Resv.TestSignaled(DmaResvUsage.Read);

    /// <summary>Some request still writes it.</summary>
    public bool IsWriteBusy => !Resv.TestSignaled(DmaResvUsage.Write);

    /// <summary>i915_gem_object_wait for all fences: 0 when idle, -ETIME on timeout, -ERESTARTSYS on a signal.</summary>
    public long WaitIdle(bool interruptible, long timeoutNs = WaitQueue.Forever)
    {
        var r = Resv.Wait(DmaResvUsage.Read, interruptible, timeoutNs);
        return r > 0 ? 0 : r == 0 ? -Errno.ETIME : r;
    }

    private int _execUsers;

    /// <summary>
    /// An execbuf is working on the object (in i915 it holds the object's ww lock from lookup to submission, so
    /// the shrinker's trylock fails): the shrinker leaves it alone.
    /// </summary>
    public bool InExecbuf => Volatile.Read(ref _execUsers) > 0;

    internal void ExecbufGet() => Interlocked.Increment(ref _execUsers);

    internal void ExecbufPut() => Interlocked.Decrement(ref _execUsers);

    /// <summary>Some VMA of the object is pinned by an execbuf in progress.</summary>
    public bool HasPinnedVma => InExecbuf || Vmas.Any(v => v.PinCount > 0);

    /// <summary>The pages to write into PTEs, and which generation of the object's pages they are.</summary>
    public virtual int PagesForBind(out PageRef[] pages, out long gen)
    {
        gen = 0;
        pages = [];
        var fits = CheckPageArray(kvmalloc: false); // shmem_get_pages builds an sg table, no kvmalloc
        if (fits != 0)
            return fits;
        pages = new PageRef[PageCount];
        for (var i = 0; i < pages.Length; i++)
        {
            var err = GetPage(i, out pages[i]);
            if (err != 0)
                return err;
        }
        return 0;
    }

    /// <summary>Whether pages taken by <see cref="PagesForBind"/> may still be mapped (always for shmem).</summary>
    public virtual bool PagesStillValid(long gen) => true;

    /// <summary>Unbinds the object from every address space (the object is going away or its pages are).</summary>
    public void UnbindAll()
    {
        foreach (var vma in Vmas)
            vma.Vm.Unbind(vma, force: true);
    }

    /// <summary>Object free: every VMA is destroyed (the tables stop pointing at the pages).</summary>
    internal virtual void Release()
    {
        foreach (var vma in Vmas)
        {
            vma.Vm.Destroy(vma);
            RemoveVma(vma);
        }
    }

    public override string ToString() => base.ToString() + $" i915[cache={CacheLevel} tiling={TilingMode} vmas={Vmas.Count}]";
}
