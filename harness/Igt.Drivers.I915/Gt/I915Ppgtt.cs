using Igt.Drivers.I915.Gem;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.I915.Gt;

/// <summary>
/// i915_ppgtt: one file's 48-bit GPU address space: the page tables, the VA allocator, the VMAs bound in it.
/// Refcounted: the file's context and every request in flight hold a reference; the last one frees the tables.
/// Lock order: <see cref="ExecLock"/> (one execbuf at a time) → <see cref="Lock"/> (tables, nodes, VMA state)
/// → an object's userptr lock. Nothing allocates memory while holding <see cref="Lock"/>.
/// </summary>
public sealed class I915Ppgtt
{
    public const ulong Total = 1UL << I915PageTables.VaBits;
    public const ulong Low4G = 1UL << 32;

    private readonly List<I915Vma> _vmas = new();
    private int _refs = 1;

    private I915Ppgtt(I915Private i915, I915PageTables tables)
    {
        I915 = i915;
        Tables = tables;
    }

    public I915Private I915 { get; }

    public I915PageTables Tables { get; }

    public object Lock => Tables.Lock;

    /// <summary>Serialises execbuf reservation in this address space (struct_mutex of old).</summary>
    public object ExecLock { get; } = new();

    public I915AddressAllocator Va { get; } = new(Total);

    public bool Closed { get; private set; }

    public static int Create(I915Private i915, out I915Ppgtt? vm)
    {
        vm = null;
        var err = I915PageTables.Create(i915.Machine.Pages, i915, out var tables);
        if (err != 0)
            return err;
        vm = new I915Ppgtt(i915, tables!);
        return 0;
    }

    /// <summary>Sign-extends bit 47, as exec_object2.offset reports GPU addresses.</summary>
    public static ulong Canonical(ulong va) => (ulong)((long)(va << 16) >> 16);

    /// <summary>The address without the sign extension (what the hardware decodes).</summary>
    public static ulong Decanonical(ulong va) => va & (Total - 1);

    public static bool IsCanonical(ulong va) => Canonical(va) == va;

    public IReadOnlyList<I915Vma> Vmas
    {
        get { lock (Lock) return _vmas.ToList(); }
    }

    public void Get() => Interlocked.Increment(ref _refs);

    /// <summary>i915_vm_put: the last reference unbinds every VMA and frees the page tables.</summary>
    public void Put()
    {
        if (Interlocked.Decrement(ref _refs) != 0)
            return;
        List<I915Vma> vmas;
        lock (Lock)
        {
            Closed = true;
            vmas = _vmas.ToList();
        }
        foreach (var v in vmas)
            Unbind(v, force: true);
        Tables.Release();
    }

    /// <summary>The VMA of <paramref name="obj"/> in this address space (created unbound on first use).</summary>
    public I915Vma Instance(I915GemObject obj)
    {
        lock (Lock)
        {
            var vma = _vmas.FirstOrDefault(v => ReferenceEquals(v.Obj, obj));
            if (vma is not null)
                return vma;
            vma = new I915Vma(obj, this);
            _vmas.Add(vma);
            obj.AddVma(vma);
            return vma;
        }
    }

    /// <summary>
    /// i915_vma_pin for execbuf: makes <paramref name="vma"/> bound (at <paramref name="fixedOffset"/> for softpin,
    /// anywhere in [<paramref name="bias"/>, limit) otherwise) and takes an execbuf pin on it. Returns 0, -ENOSPC/-EINVAL when the range is
    /// taken by a VMA this execbuf pinned, -EAGAIN when userptr pages went stale, -ERESTARTSYS while waiting for
    /// a busy VMA to move, or an allocation error.
    /// </summary>
    public int Pin(I915Vma vma, ulong? fixedOffset, ulong alignment, ulong size, bool allow48b, ulong bias = 0)
    {
        var limit = allow48b ? Total : Low4G;
        lock (Lock)
        {
            if (vma.Bound && (fixedOffset is null || vma.Start == fixedOffset) && vma.End <= limit
                && (alignment <= 1 || vma.Start % alignment == 0) && vma.Size >= size && vma.Start >= bias)
            {
                vma.PinCount++;
                return 0;
            }
            if (vma.Bound && vma.PinCount > 0)
                return -Errno.EINVAL;
        }

        // Misplaced: it must be idle before it moves (i915_vma_unbind waits for the GPU).
        if (vma.Bound)
        {
            var w = vma.Obj.WaitIdle(interruptible: true);
            if (w < 0)
                return (int)w;
            Unbind(vma, force: false);
        }
        if (fixedOffset is { } at)
        {
            var err2 = EvictForNode(at, size);
            if (err2 != 0)
                return err2;
        }

        var obj = vma.Obj;
        var err = obj.PinPages();
        if (err != 0)
            return err;

        lock (Lock)
        {
            bool placed;
            ulong start;
            if (fixedOffset is { } f)
            {
                placed = f + size <= limit && Va.Reserve(f, size, vma);
                start = f;
            }
            else
            {
                placed = Va.Insert(size, alignment, bias, limit, vma, out start);
            }
            if (!placed)
            {
                obj.UnpinPages();
                return fixedOffset is null ? -Errno.ENOSPC : -Errno.EINVAL;
            }
            vma.Start = start;
            vma.Size = size;
            vma.Reserved = true;
        }

        // Tables and page lists are gathered without the lock (allocation and the object's own lock), then
        // the PTEs are written under it once the pages are known to be still current.
        err = Tables.Populate(vma.Start, size, this);
        PageRef[]? pages = null;
        long gen = 0;
        if (err == 0)
            err = obj.PagesForBind(out pages, out gen);
        lock (Lock)
        {
            if (err == 0 && !obj.PagesStillValid(gen))
                err = -Errno.EAGAIN;
            if (err == 0)
            {
                Tables.Insert(vma.Start, pages, writable: !obj.ReadOnly);
                vma.PagesGen = gen;
                vma.Bound = true;
                vma.PinCount++;
                return 0;
            }
            Va.Remove(vma);
            vma.Reserved = false;
        }
        obj.UnpinPages();
        return err;
    }

    /// <summary>i915_gem_evict_for_node: idle VMAs in [start, start + size) are unbound; pinned ones make it -ENOSPC.</summary>
    private int EvictForNode(ulong start, ulong size)
    {
        List<I915Vma> victims;
        lock (Lock)
        {
            victims = Va.Overlapping(start, size).OfType<I915Vma>().ToList();
            if (victims.Any(v => v.PinCount > 0))
                return -Errno.ENOSPC;
        }
        foreach (var v in victims)
        {
            var w = v.Obj.WaitIdle(interruptible: true);
            if (w < 0)
                return (int)w;
            Unbind(v, force: false);
        }
        return 0;
    }

    public void Unpin(I915Vma vma)
    {
        lock (Lock)
        {
            if (vma.PinCount > 0)
                vma.PinCount--;
        }
    }

    /// <summary>
    /// i915_vma_unbind: points the range back at scratch, frees the node and drops the page pin. Without
    /// <paramref name="force"/> an execbuf-pinned VMA is left alone. Returns true when it unbound.
    /// </summary>
    public bool Unbind(I915Vma vma, bool force, long onlyPagesGen = -1)
    {
        lock (Lock)
        {
            if (!vma.Bound || (!force && vma.PinCount > 0) || (onlyPagesGen >= 0 && vma.PagesGen != onlyPagesGen))
                return false;
            Tables.Clear(vma.Start, vma.Size >> PageAllocator.PageShift);
            Va.Remove(vma);
            vma.Bound = false;
            vma.Reserved = false;
        }
        vma.Obj.UnpinPages();
        return true;
    }

    /// <summary>
    /// Like <see cref="Unbind"/> but skipping the lock when contended (shrinker context: mutex_trylock).
    /// Returns true when it unbound.
    /// </summary>
    public bool TryUnbindForShrink(I915Vma vma, bool leavePtes)
    {
        if (!Monitor.TryEnter(Lock))
            return false;
        try
        {
            if (!vma.Bound || vma.PinCount > 0)
                return false;
            if (!leavePtes)
                Tables.Clear(vma.Start, vma.Size >> PageAllocator.PageShift);
            Va.Remove(vma);
            vma.Bound = false;
            vma.Reserved = false;
        }
        finally
        {
            Monitor.Exit(Lock);
        }
        vma.Obj.UnpinPages();
        return true;
    }

    /// <summary>Forgets <paramref name="vma"/> (the object is being freed): unbinds it and drops it from the list.</summary>
    public void Destroy(I915Vma vma)
    {
        Unbind(vma, force: true);
        lock (Lock)
            _vmas.Remove(vma);
    }
}
