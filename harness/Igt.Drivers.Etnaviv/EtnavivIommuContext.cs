using System.Buffers.Binary;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_iommu_context (etnaviv_mmu.c): one GPU address space with its page tables in emulated memory.
/// Page-table pages are PageOwner.PageTable pages holding the real 32-bit entries; beside each table the context
/// keeps the PageRef of every entry, so the GPU's accesses go through <see cref="PageAllocator.Access"/> and a
/// translation through a freed table or to a freed page is reported, not silently followed.
/// </summary>
public abstract class EtnavivIommuContext
{
    private int _refs = 1;

    protected EtnavivIommuContext(EtnavivIommuGlobal global, ulong vaStart, ulong vaEnd)
    {
        Global = global;
        Va = new EtnavivVaAllocator(vaStart, vaEnd);
    }

    public EtnavivIommuGlobal Global { get; }

    public abstract EtnavivIommuVersion Version { get; }

    /// <summary>context->lock: page tables and the VA allocator.</summary>
    public object Lock { get; } = new();

    internal EtnavivVaAllocator Va { get; }

    internal List<EtnavivVramMapping> Mappings { get; } = new();

    public bool Freed { get; private set; }

    protected PageAllocator Pages => Global.Machine.Pages;

    public void Get() => Interlocked.Increment(ref _refs);

    /// <summary>kref_get_unless_zero(): a reference unless the last one is already gone (the context is being freed).</summary>
    public bool TryGet()
    {
        for (var r = Volatile.Read(ref _refs); r > 0; r = Volatile.Read(ref _refs))
        {
            if (Interlocked.CompareExchange(ref _refs, r + 1, r) == r)
                return true;
        }
        return false;
    }

    /// <summary>etnaviv_iommu_context_put(): the last reference unmaps every BO and frees the page tables.</summary>
    public void Put()
    {
        if (Interlocked.Decrement(ref _refs) == 0)
            Free();
    }

    /// <summary>
    /// etnaviv_iommu_map_gem(): maps <paramref name="pages"/> at a free VA, or exactly at <paramref name="softpinVa"/>.
    /// 0, -ENOSPC (no room), -EINVAL (softpin range in use) or -ENOMEM (page tables).
    /// </summary>
    public int MapGem(EtnavivGem obj, PageRef[] pages, ulong softpinVa, out EtnavivVramMapping? mapping)
    {
        mapping = null;
        var size = (ulong)pages.Length << PageAllocator.PageShift;
        lock (Lock)
        {
            if (Freed)
                return -Errno.ENODEV;
            ulong va;
            if (softpinVa != 0)
            {
                if (Va.InsertExact(softpinVa, size) != 0)
                    return -Errno.EINVAL;
                va = softpinVa;
            }
            else
            {
                var err = Va.Insert(size, out va);
                if (err != 0)
                    return err;
            }
            for (var i = 0; i < pages.Length; i++)
            {
                var err = MapPageLocked((uint)va + ((uint)i << PageAllocator.PageShift), pages[i], writable: true);
                if (err != 0)
                {
                    for (var j = 0; j < i; j++)
                        UnmapPageLocked((uint)va + ((uint)j << PageAllocator.PageShift));
                    Va.Remove(va);
                    return err;
                }
            }
            mapping = new EtnavivVramMapping(obj, this, (uint)va, pages.Length);
            Mappings.Add(mapping);
            return 0;
        }
    }

    /// <summary>etnaviv_iommu_unmap_gem(): clears the PTEs and releases the VA.</summary>
    public void UnmapGem(EtnavivVramMapping mapping)
    {
        lock (Lock)
        {
            if (mapping.Unmapped)
                return;
            mapping.Unmapped = true;
            Mappings.Remove(mapping);
            for (var i = 0; i < mapping.PageCount; i++)
                UnmapPageLocked(mapping.Iova + ((uint)i << PageAllocator.PageShift));
            Va.Remove(mapping.Iova);
        }
    }

    /// <summary>
    /// The GPU's view: the page behind <paramref name="iova"/> for a read or a write, or the exception the MMU
    /// raises. Reads the page-table entries through the table pages (a freed table is a use-after-free).
    /// </summary>
    public abstract EtnavivMmuFault Translate(uint iova, bool write, string accessor, out PageRef page);

    protected abstract int MapPageLocked(uint iova, PageRef page, bool writable);

    protected abstract void UnmapPageLocked(uint iova);

    /// <summary>Frees the page-table pages.</summary>
    protected abstract void FreePageTables();

    /// <summary>Tears the context down now: BO mappings are dropped (their pages unpinned) and the tables freed.</summary>
    internal void Free()
    {
        List<EtnavivVramMapping> mappings;
        lock (Lock)
        {
            if (Freed)
                return;
            Freed = true;
            mappings = Mappings.ToList();
        }
        foreach (var m in mappings)
            m.Object.ReleaseMapping(m);
        lock (Lock)
            FreePageTables();
        Global.Forget(this);
    }

    /// <summary>
    /// The known bug's path: the page tables are freed while mappings still point into them (nothing is unmapped,
    /// nothing unpinned), as an unbind that tears down device state under open objects does.
    /// </summary>
    internal void FreeTablesUnderUsers()
    {
        lock (Lock)
            FreePageTables();
    }

    protected static void WriteEntry(Span<byte> page, int index, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(page.Slice(index * 4, 4), value);

    protected static uint ReadEntry(Span<byte> page, int index) =>
        BinaryPrimitives.ReadUInt32LittleEndian(page.Slice(index * 4, 4));
}
