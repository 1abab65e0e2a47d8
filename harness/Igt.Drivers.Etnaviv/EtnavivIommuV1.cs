using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_iommu.c (MMUv1): a flat table of 512K 32-bit entries for the 2 GiB window at GPU address 0x80000000,
/// shared by every client. Entries hold the page's physical address; unmapped entries point at the scratch "bad
/// page", so a stray access reads or writes that page instead of faulting, as on the hardware. Addresses below the
/// window are the linear window to physical memory (see <see cref="Hw.EtnavivGpuBus"/>). The real driver allocates
/// the 2 MiB table at once; here its pages are allocated when a mapping first reaches them, so small RAM budgets stay
/// usable.
/// </summary>
public sealed class EtnavivIommuV1 : EtnavivIommuContext
{
    public const uint GpuMemStart = 0x8000_0000;
    public const int PtEntries = 512 * 1024;
    private const int EntriesPerPage = PageAllocator.PageSize / 4;

    private readonly PageRef[] _ptPages = Enumerable.Repeat(PageRef.None, PtEntries / EntriesPerPage).ToArray();
    private readonly PageRef[]?[] _entries = new PageRef[]?[PtEntries / EntriesPerPage];

    internal EtnavivIommuV1(EtnavivIommuGlobal global)
        : base(global, GpuMemStart, GpuMemStart + (ulong)PtEntries * PageAllocator.PageSize)
    {
    }

    public override EtnavivIommuVersion Version => EtnavivIommuVersion.V1;

    /// <summary>Page-table pages allocated so far.</summary>
    public int TablePages => _ptPages.Count(p => !p.IsNone);

    public override EtnavivMmuFault Translate(uint iova, bool write, string accessor, out PageRef page)
    {
        page = Global.BadPage;
        if (iova < GpuMemStart)
            return EtnavivMmuFault.OutOfBounds;
        var idx = (int)((iova - GpuMemStart) >> PageAllocator.PageShift);
        lock (Lock)
        {
            var pt = idx / EntriesPerPage;
            if (_ptPages[pt].IsNone)
                return EtnavivMmuFault.None;
            Pages.Access(_ptPages[pt], "etnaviv_iommuv1_translate", accessor, idx % EntriesPerPage * 4, 4, write: false);
            var e = _entries[pt]![idx % EntriesPerPage];
            if (!e.IsNone)
                page = e;
            return EtnavivMmuFault.None;
        }
    }

    protected override int MapPageLocked(uint iova, PageRef page, bool writable)
    {
        var idx = (int)((iova - GpuMemStart) >> PageAllocator.PageShift);
        var pt = idx / EntriesPerPage;
        if (_ptPages[pt].IsNone)
        {
            var err = Pages.Alloc(PageOwner.PageTable, this, GfpFlags.Kernel, out var ptPage);
            if (err != 0)
                return err;
            var data = Pages.Data(ptPage);
            for (var i = 0; i < EntriesPerPage; i++)
                WriteEntry(data, i, (uint)Global.BadPage.PhysAddr);
            _ptPages[pt] = ptPage;
            _entries[pt] = Enumerable.Repeat(PageRef.None, EntriesPerPage).ToArray();
        }
        var table = Pages.Access(_ptPages[pt], "etnaviv_iommuv1_map", "kernel", idx % EntriesPerPage * 4, 4, write: true);
        WriteEntry(table, idx % EntriesPerPage, (uint)page.PhysAddr);
        _entries[pt]![idx % EntriesPerPage] = page;
        return 0;
    }

    protected override void UnmapPageLocked(uint iova)
    {
        var idx = (int)((iova - GpuMemStart) >> PageAllocator.PageShift);
        var pt = idx / EntriesPerPage;
        if (_ptPages[pt].IsNone)
            return;
        var table = Pages.Access(_ptPages[pt], "etnaviv_iommuv1_unmap", "kernel", idx % EntriesPerPage * 4, 4, write: true);
        WriteEntry(table, idx % EntriesPerPage, (uint)Global.BadPage.PhysAddr);
        _entries[pt]![idx % EntriesPerPage] = PageRef.None;
    }

    protected override void FreePageTables()
    {
        for (var i = 0; i < _ptPages.Length; i++)
        {
            if (_ptPages[i].IsNone || !Pages.IsCurrent(_ptPages[i]))
                continue;
            Pages.Free(_ptPages[i], "etnaviv_iommuv1_free");
        }
    }
}
