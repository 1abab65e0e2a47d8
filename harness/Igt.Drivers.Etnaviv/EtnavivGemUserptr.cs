using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// A BO over user memory (etnaviv_gem_userptr): the pages are the process's own anonymous pages, pinned with
/// get_user_pages the first time the GPU maps the BO and kept until the BO is freed. Only the creating process may
/// do that (-EPERM otherwise). There is no CPU mmap of such a BO.
/// </summary>
public sealed class EtnavivGemUserptr : EtnavivGem
{
    private PageRef[]? _userPages;

    public EtnavivGemUserptr(EtnavivDrmPrivate priv, MmStruct mm, ulong userPtr, ulong size, bool readOnly)
        : base(priv, size, Uapi.EtnavivIoctls.BoCached)
    {
        Mm = mm;
        UserPtr = userPtr;
        ReadOnly = readOnly;
    }

    public MmStruct Mm { get; }

    public ulong UserPtr { get; }

    public bool ReadOnly { get; }

    public override bool IsUserptr => true;

    public override int GetPage(int index, out PageRef page)
    {
        lock (Lock)
        {
            page = PageRef.None;
            var err = PinUserPages();
            if (err != 0)
                return err;
            if ((uint)index >= (uint)_userPages!.Length)
                return -Errno.EINVAL;
            page = _userPages[index];
            return 0;
        }
    }

    public override int PinPages()
    {
        lock (Lock)
            return PinUserPages();
    }

    public override void UnpinPages()
    {
        // The user pages stay pinned until the BO is freed, as in etnaviv_gem_userptr_release().
    }

    protected override int GetPagesForGpu(out PageRef[] pages)
    {
        pages = [];
        var err = PinUserPages();
        if (err != 0)
            return err;
        pages = _userPages!.ToArray();
        return 0;
    }

    protected override void PutPagesForGpu()
    {
    }

    protected override void Free()
    {
        base.Free();
        PageRef[]? pages;
        lock (Lock)
        {
            pages = _userPages;
            _userPages = null;
        }
        if (pages is not null)
            foreach (var p in pages)
                Dev.Machine.Pages.Unpin(p);
    }

    /// <summary>etnaviv_gem_userptr_get_pages(): caller holds the object lock.</summary>
    private int PinUserPages()
    {
        if (_userPages is not null)
            return 0;
        if (TaskStruct.Current?.Mm != Mm)
            return -Errno.EPERM;
        var fits = CheckPageArray(kvmalloc: true); // etnaviv_gem_userptr_get_pages: kvmalloc_array of the pvec
        if (fits != 0)
            return fits;
        var pages = new PageRef[PageCount];
        var r = Mm.GetUserPages(UserPtr, PageCount, write: !ReadOnly, pages, pin: true);
        if (r < 0)
            return r;
        _userPages = pages;
        return 0;
    }
}
