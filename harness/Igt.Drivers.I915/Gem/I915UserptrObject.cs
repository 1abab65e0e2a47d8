using Igt.Drivers.I915.Gt;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// A GEM object over a range of a task's address space (i915_gem_userptr.c). The pages are pinned with
/// get_user_pages when the object is first needed (<see cref="SubmitInit"/>); the MMU notifier (synchronized mode)
/// bumps a sequence number, waits for the GPU and drops them, and the next use pins them again or fails with
/// -EFAULT when the range is gone. Unsynchronized objects have no notifier and keep their pins until freed.
/// Locks: <see cref="_acquire"/> serialises (re)acquisition and is taken before the mm's mmap lock; the userptr
/// lock (<see cref="_lock"/>) is a leaf guarding the page vector.
/// </summary>
public sealed class I915UserptrObject : I915GemObject
{
    private readonly object _acquire = new();
    private readonly object _lock = new();
    private readonly bool _readOnly;
    private PageRef[]? _pvec;
    private bool _pvecPinned;
    private long _pvecSeq;
    private long _pvecGen;

    public I915UserptrObject(I915Private i915, MmStruct mm, ulong ptr, ulong size, bool readOnly, bool synchronized)
        : base(i915, size)
    {
        Mm = mm;
        Ptr = ptr;
        _readOnly = readOnly;
        Synchronized = synchronized;
        CacheLevel = Uapi.I915Caching.Cached;
    }

    public MmStruct Mm { get; }

    public ulong Ptr { get; }

    public bool Synchronized { get; }

    public I915Userptr? Notifier { get; private set; }

    public override bool ReadOnly => _readOnly;

    public override bool HasShmem => false;

    public override bool IsUserptr => true;

    /// <summary>The known bug: looked-up pages without pin and without notifier.</summary>
    private bool NoNotifierBug => Synchronized && I915.Bug(I915KnownBugs.UserptrNoNotifier);

    public bool HasPages
    {
        get { lock (_lock) return _pvec is not null; }
    }

    /// <summary>mmu_interval_notifier_insert on the creating task's mm (synchronized mode only).</summary>
    public void RegisterNotifier()
    {
        if (!Synchronized || NoNotifierBug)
            return;
        Notifier = new I915Userptr(this);
        Notifier.Insert(Mm, Ptr, Size);
    }

    /// <summary>
    /// i915_gem_object_userptr_submit_init: makes sure current pages are pinned. 0, -EFAULT when the range is not
    /// (or no longer) normal memory of the owning mm, -EAGAIN when an invalidation raced with us (retry).
    /// </summary>
    public int SubmitInit(TaskStruct? task)
    {
        if (!I915.LegacyUserptr && task is not null && !ReferenceEquals(task.Mm, Mm))
            return -Errno.EFAULT;
        lock (_acquire)
        {
            var seq = Notifier?.ReadBegin() ?? 0;
            PageRef[]? stale = null;
            bool stalePinned = false;
            long staleGen = 0;
            lock (_lock)
            {
                if (_pvec is not null && (Notifier is null || _pvecSeq == seq))
                    return 0;
                if (_pvec is not null)
                {
                    stale = _pvec;
                    stalePinned = _pvecPinned;
                    staleGen = _pvecGen;
                    _pvec = null;
                }
            }
            if (stale is not null)
            {
                // Pages a process exit left pinned: the GPU may still be on them.
                var w = WaitIdle(interruptible: true);
                if (w < 0)
                {
                    lock (_lock)
                        _pvec ??= stale;
                    return (int)w;
                }
                DropPages(stale, stalePinned, staleGen);
            }

            MakeRoom();
            // Reclaim above may have swapped out pages of this very range: sample the sequence afterwards.
            seq = Notifier?.ReadBegin() ?? 0;
            var fits = CheckPageArray(kvmalloc: true); // i915_gem_userptr_get_pages: kvmalloc_array of the pvec
            if (fits != 0)
                return fits;
            var pages = new PageRef[PageCount];
            var pin = !NoNotifierBug;
            var err = Mm.GetUserPages(Ptr, PageCount, write: !ReadOnly, pages, pin);
            if (err < 0)
                return -Errno.EFAULT;
            lock (_lock)
            {
                if (Notifier is not null && Notifier.ReadRetry(seq))
                {
                    Unpin(pages, pin);
                    return -Errno.EAGAIN;
                }
                _pvec = pages;
                _pvecPinned = pin;
                _pvecSeq = seq;
                _pvecGen++;
                return 0;
            }
        }
    }

    /// <summary>
    /// The emulated mm cannot reclaim its own pages while a fault holds its lock (the real kernel's reclaim can,
    /// through the rmap). Reclaim for the pages about to be faulted in first, while no lock is held, so pinning a
    /// working set larger than free memory swaps out other (idle) memory instead of failing.
    /// </summary>
    private void MakeRoom()
    {
        var pages = I915.Machine.Pages;
        var need = PageCount + 64 - pages.FreePages;
        if (need <= 0)
            return;
        // Idle userptrs first give their pins back, so the anon LRU can then swap their pages.
        I915.Shrinker.ReleaseUserptrs(need + I915Shrinker.UserptrReleaseBatch, out _, I915Shrinker.ActiveWaitBudget);
        pages.Reclaim(need, kswapd: false);
    }

    /// <summary>
    /// i915_gem_object_userptr_submit_done: under the device's notifier lock, whether the pages the execbuf bound
    /// are still the current ones (else -EAGAIN and the caller unwinds).
    /// </summary>
    public bool StillCurrent()
    {
        lock (_lock)
            return _pvec is not null && (Notifier is null || _pvecSeq == Notifier.ReadBegin());
    }

    public override int GetPage(int index, out PageRef page)
    {
        lock (_lock)
        {
            page = PageRef.None;
            if ((uint)index >= (uint)PageCount)
                return -Errno.EINVAL;
            if (_pvec is null)
                return -Errno.EAGAIN;
            page = _pvec[index];
            return 0;
        }
    }

    public override int PagesForBind(out PageRef[] pages, out long gen)
    {
        lock (_lock)
        {
            gen = _pvecGen;
            if (_pvec is null)
            {
                pages = [];
                return -Errno.EAGAIN;
            }
            pages = (PageRef[])_pvec.Clone();
            return 0;
        }
    }

    public override bool PagesStillValid(long gen)
    {
        lock (_lock)
            return _pvec is not null && _pvecGen == gen;
    }

    /// <summary>Idle, pinned pages the shrinker may give back to the process's LRU.</summary>
    public bool Shrinkable => ShrinkableIfIdle && IsIdle;

    /// <summary>Pinned pages no execbuf is using right now (the GPU may still be).</summary>
    public bool ShrinkableIfIdle
    {
        get
        {
            lock (_lock)
                return _pvec is not null && _pvecPinned && !HasPinnedVma;
        }
    }

    /// <summary>
    /// The shrinker's put_pages of an idle userptr (userptr objects are I915_GEM_OBJECT_IS_SHRINKABLE): unbind and
    /// unpin, so reclaim can swap the process's pages. Checked under the notifier lock so no execbuf can be adding
    /// a request meanwhile; everything is only tried. Returns the pages released.
    /// </summary>
    internal long ShrinkRelease()
    {
        if (!Monitor.TryEnter(I915.NotifierLock))
            return 0;
        PageRef[]? old;
        long gen;
        try
        {
            if (!IsIdle || HasPinnedVma)
                return 0;
            lock (_lock)
            {
                if (!_pvecPinned)
                    return 0;
                old = _pvec;
                gen = _pvecGen;
                _pvec = null;
            }
        }
        finally
        {
            Monitor.Exit(I915.NotifierLock);
        }
        if (old is null)
            return 0;
        DropPages(old, pinned: true, gen);
        return old.Length;
    }

    // Swapping or purging is for shmem; a userptr's pages belong to the process (see ShrinkRelease).
    public override long EvictPages() => 0;

    public override long Purge() => 0;

    /// <summary>
    /// The notifier callback: wait for the GPU to finish with the object, unbind it and unpin its pages.
    /// A process exit leaves the pins alone (PF_EXITING): the object is cleaned up when it is freed.
    /// </summary>
    internal void Invalidate(MmuNotifierRange range)
    {
        if (range.Event == MmuNotifierEvent.Release)
            return;
        // Barrier against an execbuf that checked the sequence number and is adding its fence.
        lock (I915.NotifierLock)
        {
        }
        PageRef[]? old;
        bool pinned;
        long gen;
        lock (_lock)
        {
            old = _pvec;
            pinned = _pvecPinned;
            gen = _pvecGen;
            _pvec = null;
        }
        if (old is null)
            return;
        var w = WaitIdle(interruptible: false);
        if (w != 0)
            I915.Drm.DevErr($"[drm] *ERROR* ({w}) failed to wait for idle");
        DropPages(old, pinned, gen);
    }

    private void DropPages(PageRef[] pages, bool pinned, long gen)
    {
        foreach (var vma in Vmas)
            vma.Vm.Unbind(vma, force: true, onlyPagesGen: gen);
        Unpin(pages, pinned);
    }

    private void Unpin(PageRef[] pages, bool pinned)
    {
        if (!pinned)
            return;
        foreach (var p in pages)
            I915.Machine.Pages.Unpin(p);
    }

    internal override void Release()
    {
        Notifier?.Remove();
        base.Release();
        PageRef[]? old;
        bool pinned;
        lock (_lock)
        {
            old = _pvec;
            pinned = _pvecPinned;
            _pvec = null;
        }
        if (old is not null)
            Unpin(old, pinned);
    }

    public override string ToString() => base.ToString() + $" userptr[0x{Ptr:x} {(Synchronized ? "sync" : "unsync")}{(ReadOnly ? " ro" : "")}]";
}
