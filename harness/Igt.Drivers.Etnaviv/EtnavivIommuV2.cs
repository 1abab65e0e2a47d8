using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_iommu_v2.c (MMUv2): a master TLB page of 1024 entries, each pointing at a slave TLB page of 1024 page
/// entries (4 GiB of 4 KiB pages), one context per client. Entries carry PRESENT (bit 0) and WRITEABLE (bit 2);
/// slave tables are allocated when a mapping first needs them. An access to an unmapped page or a write to a
/// read-only one raises the MMU exception dump_mmu_fault() reports. The command-buffer suballocator is mapped
/// read-only at <see cref="EtnavivCmdbufSuballoc.V2Va"/> in every context, so ring addresses hold across switches.
/// </summary>
public sealed class EtnavivIommuV2 : EtnavivIommuContext
{
    private const uint PtePresent = 1;
    private const uint PteWriteable = 4;
    private const int Entries = PageAllocator.PageSize / 4;

    private readonly PageRef _mtlb;
    private readonly PageRef[] _stlb = Enumerable.Repeat(PageRef.None, Entries).ToArray();
    private readonly PageRef[]?[] _entries = new PageRef[]?[Entries];

    private EtnavivIommuV2(EtnavivIommuGlobal global, PageRef mtlb)
        : base(global, 4096, (1UL << 32) - 4096)
    {
        _mtlb = mtlb;
    }

    public override EtnavivIommuVersion Version => EtnavivIommuVersion.V2;

    /// <summary>Physical address of the master TLB: what VIVS_MMUv2_CONFIGURATION is loaded with to switch to it.</summary>
    public uint MtlbAddress => (uint)_mtlb.PhysAddr;

    /// <summary>etnaviv_iommuv2_context_alloc(): a context with its master TLB and the suballocator mapped; 0 or -ENOMEM.</summary>
    internal static int Create(EtnavivIommuGlobal global, EtnavivCmdbufSuballoc suballoc, out EtnavivIommuV2? ctx)
    {
        ctx = null;
        var pages = global.Machine.Pages;
        var err = pages.Alloc(PageOwner.PageTable, "etnaviv-mtlb", GfpFlags.Zero, out var mtlb);
        if (err != 0)
            return err;
        var c = new EtnavivIommuV2(global, mtlb);
        lock (c.Lock)
        {
            err = c.Va.InsertExact(EtnavivCmdbufSuballoc.V2Va, EtnavivCmdbufSuballoc.Size);
            for (var i = 0; err == 0 && i < EtnavivCmdbufSuballoc.Granules; i++)
                err = c.MapPageLocked(EtnavivCmdbufSuballoc.V2Va + (uint)(i * PageAllocator.PageSize), suballoc.Pages[i], writable: false);
        }
        if (err != 0)
        {
            c.Free();
            return err;
        }
        ctx = c;
        return 0;
    }

    public override EtnavivMmuFault Translate(uint iova, bool write, string accessor, out PageRef page)
    {
        page = PageRef.None;
        var m = (int)(iova >> 22);
        var s = (int)((iova >> 12) & 0x3ff);
        lock (Lock)
        {
            var mtlb = Pages.Access(_mtlb, "etnaviv_iommuv2_translate", accessor, m * 4, 4, write: false);
            if ((ReadEntry(mtlb, m) & PtePresent) == 0 || _stlb[m].IsNone)
                return EtnavivMmuFault.PageNotPresent;
            var stlb = Pages.Access(_stlb[m], "etnaviv_iommuv2_translate", accessor, s * 4, 4, write: false);
            var pte = ReadEntry(stlb, s);
            if ((pte & PtePresent) == 0 || _entries[m]![s].IsNone)
                return EtnavivMmuFault.PageNotPresent;
            if (write && (pte & PteWriteable) == 0)
                return EtnavivMmuFault.WriteViolation;
            page = _entries[m]![s];
            return EtnavivMmuFault.None;
        }
    }

    protected override int MapPageLocked(uint iova, PageRef page, bool writable)
    {
        var m = (int)(iova >> 22);
        var s = (int)((iova >> 12) & 0x3ff);
        if (_stlb[m].IsNone)
        {
            // etnaviv_iommuv2_ensure_stlb()
            var err = Pages.Alloc(PageOwner.PageTable, this, GfpFlags.Zero, out var stlb);
            if (err != 0)
                return err;
            _stlb[m] = stlb;
            _entries[m] = Enumerable.Repeat(PageRef.None, Entries).ToArray();
            var mtlb = Pages.Access(_mtlb, "etnaviv_iommuv2_ensure_stlb", "kernel", m * 4, 4, write: true);
            WriteEntry(mtlb, m, (uint)stlb.PhysAddr | PtePresent);
        }
        var table = Pages.Access(_stlb[m], "etnaviv_iommuv2_map", "kernel", s * 4, 4, write: true);
        WriteEntry(table, s, (uint)page.PhysAddr | PtePresent | (writable ? PteWriteable : 0));
        _entries[m]![s] = page;
        return 0;
    }

    protected override void UnmapPageLocked(uint iova)
    {
        var m = (int)(iova >> 22);
        var s = (int)((iova >> 12) & 0x3ff);
        if (_stlb[m].IsNone)
            return;
        var table = Pages.Access(_stlb[m], "etnaviv_iommuv2_unmap", "kernel", s * 4, 4, write: true);
        WriteEntry(table, s, 0);
        _entries[m]![s] = PageRef.None;
    }

    protected override void FreePageTables()
    {
        foreach (var p in _stlb.Append(_mtlb))
        {
            if (!p.IsNone && Pages.IsCurrent(p))
                Pages.Free(p, "etnaviv_iommuv2_free");
        }
    }
}
