using Igt.Kernel.Fault;
using Igt.Kernel.Mm;

namespace Igt.Kernel.Process;

/// <summary>
/// mm_struct: a task's address space. VMAs, a page table, page faults (zero-fill, swap-in, COW, device faults),
/// munmap/mremap/madvise/fork with MMU notifiers, and the user copies the kernel does through it.
/// Lock order: <see cref="MmapLock"/> → driver object locks → page-table lock.
/// </summary>
public sealed partial class MmStruct
{
    private const int PageShift = PageAllocator.PageShift;
    private const ulong PageSize = PageAllocator.PageSize;
    private const ulong MmapTop = 0x7f00_0000_0000UL;
    private const ulong MmapBottom = 0x0000_1000_0000UL;
    private const ulong TaskSize = 0x7fff_ffff_f000UL;

    private readonly Machine _machine;
    private readonly PageAllocator _pages;
    private readonly object _ptLock = new();
    private readonly List<Vma> _vmas = new();
    private readonly Dictionary<ulong, Pte> _ptes = new();
    private readonly List<MmuIntervalNotifier> _notifiers = new();
    private bool _dead;

    public MmStruct(Machine machine, TaskStruct owner)
    {
        _machine = machine;
        _pages = machine.Pages;
        Owner = owner;
        machine.RegisterMm(this);
    }

    /// <summary>mmap_lock. Held across faults, VMA changes and notifier callbacks.</summary>
    public object MmapLock { get; } = new();

    public TaskStruct Owner { get; internal set; }

    public IReadOnlyList<Vma> Vmas
    {
        get { lock (MmapLock) return _vmas.ToArray(); }
    }

    public long ResidentAnonPages
    {
        get { lock (_ptLock) return _ptes.Values.Count(p => p.Present && !p.Special); }
    }

    public long SwappedPages
    {
        get { lock (_ptLock) return _ptes.Values.Count(p => !p.Swap.IsNone); }
    }

    private string? _accessor;

    /// <summary>"comm/pid" for KASAN reports; built once, the access path must not allocate.</summary>
    private string Accessor => _accessor ??= $"{Owner.Comm}/{Owner.Pid}";

    public Vma? FindVma(ulong addr)
    {
        lock (MmapLock)
            return FindVmaLocked(addr);
    }

    // ---- mmap / munmap / mremap / madvise -------------------------------------------------------------

    /// <summary>mmap(): the mapped address, or a negative errno.</summary>
    public long Mmap(ulong addr, ulong len, Prot prot, MapFlags flags, KFile? file, ulong offset)
    {
        if (len == 0 || (offset & (PageSize - 1)) != 0)
            return -Errno.EINVAL;
        if ((flags & (MapFlags.Shared | MapFlags.Private)) == 0 || (flags & MapFlags.Shared) != 0 && (flags & MapFlags.Private) != 0)
            return -Errno.EINVAL;
        var anon = (flags & MapFlags.Anonymous) != 0;
        if (!anon && file is null)
            return -Errno.EBADF;
        len = PageAlign(len);
        if (len > TaskSize)
            return -Errno.ENOMEM;
        var fix = (flags & (MapFlags.Fixed | MapFlags.FixedNoReplace)) != 0;
        if (fix && ((addr & (PageSize - 1)) != 0 || addr + len > TaskSize || addr + len < addr))
            return -Errno.EINVAL;

        lock (MmapLock)
        {
            if (_dead)
                return -Errno.EINVAL;
            if (fix)
            {
                if ((flags & MapFlags.FixedNoReplace) != 0 && Overlaps(addr, addr + len))
                    return -Errno.EEXIST;
                if (Overlaps(addr, addr + len))
                    UnmapLocked(addr, len, MmuNotifierEvent.Unmap);
            }
            else
            {
                addr = GetUnmappedArea(len);
                if (addr == 0)
                    return -Errno.ENOMEM;
            }

            var vflags = (flags & MapFlags.Shared) != 0 ? VmaFlags.Shared : VmaFlags.None;
            var vma = new Vma(this, addr, addr + len, prot, vflags, anon ? null : file, anon ? 0 : offset >> PageShift);
            if (!anon)
            {
                file!.Get();
                var err = file.Mmap(vma);
                if (err != 0)
                {
                    file.Put();
                    return err;
                }
            }
            InsertVma(vma);
            if ((flags & MapFlags.Populate) != 0)
            {
                for (var a = addr; a < addr + len; a += PageSize)
                    if (FaultLocked(a, (prot & Prot.Write) != 0) != FaultResult.Ok)
                        break;
            }
            return (long)addr;
        }
    }

    /// <summary>munmap(): 0 or -EINVAL.</summary>
    public int Munmap(ulong addr, ulong len)
    {
        if ((addr & (PageSize - 1)) != 0 || len == 0 || addr + len > TaskSize)
            return -Errno.EINVAL;
        lock (MmapLock)
            UnmapLocked(addr, PageAlign(len), MmuNotifierEvent.Unmap);
        return 0;
    }

    /// <summary>mremap(): the new address or a negative errno. The old range must lie in one VMA.</summary>
    public long Mremap(ulong oldAddr, ulong oldLen, ulong newLen, MremapFlags flags, ulong newAddr)
    {
        if ((oldAddr & (PageSize - 1)) != 0 || newLen == 0)
            return -Errno.EINVAL;
        if ((flags & MremapFlags.Fixed) != 0 && (flags & MremapFlags.MayMove) == 0)
            return -Errno.EINVAL;
        oldLen = PageAlign(oldLen);
        newLen = PageAlign(newLen);
        lock (MmapLock)
        {
            var vma = FindVmaLocked(oldAddr);
            if (vma is null || oldAddr + oldLen > vma.End)
                return -Errno.EFAULT;
            var fixedTarget = (flags & MremapFlags.Fixed) != 0;
            if (!fixedTarget && newLen <= oldLen)
            {
                if (newLen < oldLen)
                    UnmapLocked(oldAddr + newLen, oldLen - newLen, MmuNotifierEvent.Unmap);
                return (long)oldAddr;
            }
            if (!fixedTarget && oldAddr + oldLen == vma.End && !Overlaps(vma.End, oldAddr + newLen) && oldAddr + newLen <= TaskSize)
            {
                vma.End = oldAddr + newLen;
                return (long)oldAddr;
            }
            if ((flags & MremapFlags.MayMove) == 0)
                return -Errno.ENOMEM;

            if (fixedTarget)
            {
                if ((newAddr & (PageSize - 1)) != 0)
                    return -Errno.EINVAL;
                if (newAddr < oldAddr + oldLen && oldAddr < newAddr + newLen)
                    return -Errno.EINVAL;
                UnmapLocked(newAddr, newLen, MmuNotifierEvent.Unmap);
            }
            else
            {
                newAddr = GetUnmappedArea(newLen);
                if (newAddr == 0)
                    return -Errno.ENOMEM;
            }
            MoveLocked(vma, oldAddr, oldLen, newAddr, newLen);
            return (long)newAddr;
        }
    }

    /// <summary>madvise(): MADV_DONTNEED zaps the range (anonymous pages read back as zero).</summary>
    public int Madvise(ulong addr, ulong len, Madvise advice)
    {
        if ((addr & (PageSize - 1)) != 0)
            return -Errno.EINVAL;
        len = PageAlign(len);
        lock (MmapLock)
        {
            if (!FullyMapped(addr, addr + len))
                return -Errno.ENOMEM;
            switch (advice)
            {
                case Process.Madvise.DontNeed:
                {
                    var range = new MmuNotifierRange(this, addr, addr + len, MmuNotifierEvent.Clear);
                    FireStart(range);
                    ZapRange(addr, addr + len, freeSwap: true);
                    FireEnd(range);
                    return 0;
                }
                case Process.Madvise.DontFork:
                    foreach (var v in _vmas.Where(v => v.Start < addr + len && addr < v.End))
                        v.Flags |= VmaFlags.DontFork;
                    return 0;
                case Process.Madvise.Normal:
                case Process.Madvise.WillNeed:
                    return 0;
                default:
                    return -Errno.EINVAL;
            }
        }
    }

    // ---- CPU access ------------------------------------------------------------------------------------

    /// <summary>A userspace load (write = false, fills <paramref name="buf"/>) or store (copies it out).</summary>
    public FaultResult Access(ulong addr, Span<byte> buf, bool write)
    {
        var done = 0;
        while (done < buf.Length)
        {
            var a = addr + (ulong)done;
            var inPage = (int)(a & (PageSize - 1));
            var n = Math.Min(buf.Length - done, (int)PageSize - inPage);
            var r = AccessPage(a, buf.Slice(done, n), write, "user_access");
            if (r != FaultResult.Ok)
                return r;
            done += n;
        }
        return FaultResult.Ok;
    }

    /// <summary>copy_from_user(): 0 or -EFAULT.</summary>
    public int CopyFromUser(Span<byte> dst, ulong src)
    {
        if (_machine.Faults.ShouldFail(FaultSites.CopyUser) || src + (ulong)dst.Length < src || src + (ulong)dst.Length > TaskSize)
            return -Errno.EFAULT;
        return Access(src, dst, write: false) == FaultResult.Ok ? 0 : -Errno.EFAULT;
    }

    /// <summary>copy_to_user(): 0 or -EFAULT.</summary>
    public int CopyToUser(ulong dst, ReadOnlySpan<byte> src)
    {
        if (_machine.Faults.ShouldFail(FaultSites.CopyUser) || dst + (ulong)src.Length < dst || dst + (ulong)src.Length > TaskSize)
            return -Errno.EFAULT;
        // Access takes a writable span; the source is copied so a store never aliases caller memory.
        var tmp = src.Length <= 512 ? stackalloc byte[src.Length] : new byte[src.Length];
        src.CopyTo(tmp);
        return Access(dst, tmp, write: true) == FaultResult.Ok ? 0 : -Errno.EFAULT;
    }

    /// <summary>access_ok(): the range lies below TASK_SIZE.</summary>
    public static bool AccessOk(ulong addr, ulong len) => addr + len >= addr && addr + len <= TaskSize;

    /// <summary>
    /// get_user_pages(): faults in and returns the pages under [start, start + n pages). With <paramref name="pin"/>
    /// the pages stay allocated until unpinned. Device (PFNMAP) mappings and holes give -EFAULT.
    /// </summary>
    public int GetUserPages(ulong start, int n, bool write, PageRef[] pages, bool pin = true)
    {
        lock (MmapLock)
        {
            for (var i = 0; i < n; i++)
            {
                var a = start + ((ulong)i << PageShift);
                var vma = FindVmaLocked(a);
                if (vma is null || (vma.Flags & VmaFlags.PfnMap) != 0 || (write && (vma.Prot & Prot.Write) == 0)
                    || FaultLocked(a, write) != FaultResult.Ok)
                {
                    if (pin)
                        for (var j = 0; j < i; j++)
                            _pages.Unpin(pages[j]);
                    return -Errno.EFAULT;
                }
                lock (_ptLock)
                {
                    var pte = _ptes[a >> PageShift];
                    pages[i] = pte.Page;
                    if (pin)
                        _pages.Pin(pte.Page);
                }
            }
            return n;
        }
    }

    /// <summary>True when every page of the range is covered by a normal (non-PFNMAP) VMA (userptr PROBE).</summary>
    public bool RangeIsNormalMemory(ulong start, ulong len)
    {
        lock (MmapLock)
        {
            for (var a = start; a < start + len; a += PageSize)
            {
                var v = FindVmaLocked(a);
                if (v is null || (v.Flags & VmaFlags.PfnMap) != 0)
                    return false;
            }
            return true;
        }
    }

    // ---- MMU notifiers ---------------------------------------------------------------------------------

    internal void AddNotifier(MmuIntervalNotifier n)
    {
        lock (_notifiers)
            _notifiers.Add(n);
    }

    internal void RemoveNotifier(MmuIntervalNotifier n)
    {
        lock (_notifiers)
            _notifiers.Remove(n);
    }

    public int NotifierCount
    {
        get { lock (_notifiers) return _notifiers.Count; }
    }

    private void FireStart(MmuNotifierRange range)
    {
        MmuIntervalNotifier[] list;
        lock (_notifiers)
        {
            if (_notifiers.Count == 0)
                return;
            list = _notifiers.Where(n => n.Start < range.End && range.Start < n.End).ToArray();
        }
        foreach (var n in list)
            n.Fire(range);
    }

    private void FireEnd(MmuNotifierRange range)
    {
        MmuIntervalNotifier[] list;
        lock (_notifiers)
        {
            if (_notifiers.Count == 0)
                return;
            list = _notifiers.Where(n => n.Start < range.End && range.Start < n.End).ToArray();
        }
        foreach (var n in list)
            n.InvalidateEnd(range);
    }

    // ---- helpers used by the object reverse map -----------------------------------------------------------

    internal void InstallSpecialPte(ulong addr, PageRef page, bool writable, bool cached = false)
    {
        lock (_ptLock)
            _ptes[addr >> PageShift] = new Pte { Page = page, Present = true, Writable = writable, Special = true, Accessed = true, Cached = cached };
    }

    internal void ZapSpecialPtes(ulong start, ulong len)
    {
        lock (_ptLock)
        {
            for (var a = start; a < start + len; a += PageSize)
            {
                var vpn = a >> PageShift;
                if (_ptes.TryGetValue(vpn, out var pte) && pte.Special)
                    _ptes.Remove(vpn);
            }
        }
    }

    private static ulong PageAlign(ulong len) => (len + PageSize - 1) & ~(PageSize - 1);
}
