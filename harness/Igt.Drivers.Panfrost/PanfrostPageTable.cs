using Igt.Kernel.Mm;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// One page of a GPU page table (io-pgtable ARM_MALI_LPAE, 4 KiB granule, 4 levels of 512 entries for a 48-bit VA).
/// The table lives in a page from the page allocator (PageOwner.PageTable) holding the descriptors as the GPU would
/// see them; the managed side keeps the child tables and, at the last level, the PageRefs the entries point to.
/// </summary>
internal sealed class PanfrostPageTable
{
    public const int Entries = 512;
    public const int Levels = 4;

    private const ulong DescValid = 0x3;
    private const ulong DescAccessFlag = 1UL << 10;
    private const ulong DescExecuteNever = 1UL << 54;

    public PanfrostPageTable(PageRef page, int level)
    {
        Page = page;
        Level = level;
        if (level < Levels - 1)
            Tables = new PanfrostPageTable?[Entries];
        else
            Leaves = Enumerable.Repeat(PageRef.None, Entries).ToArray();
    }

    public PageRef Page { get; }

    public int Level { get; }

    /// <summary>Next-level tables (levels 0-2).</summary>
    public PanfrostPageTable?[]? Tables { get; }

    /// <summary>Mapped pages (level 3).</summary>
    public PageRef[]? Leaves { get; }

    /// <summary>Index of <paramref name="va"/> in a table of <paramref name="level"/>.</summary>
    public static int Index(ulong va, int level) => (int)((va >> (12 + 9 * (Levels - 1 - level))) & (Entries - 1));

    public void LinkTable(PageAllocator pages, int idx, PanfrostPageTable child)
    {
        Tables![idx] = child;
        WriteDesc(pages, idx, child.Page.PhysAddr | DescValid);
    }

    public void SetLeaf(PageAllocator pages, int idx, PageRef page, bool noExec)
    {
        Leaves![idx] = page;
        WriteDesc(pages, idx, page.PhysAddr | DescValid | DescAccessFlag | (noExec ? DescExecuteNever : 0));
    }

    public void ClearLeaf(PageAllocator pages, int idx)
    {
        Leaves![idx] = PageRef.None;
        WriteDesc(pages, idx, 0);
    }

    /// <summary>Every table page of this subtree (for freeing the context).</summary>
    public IEnumerable<PageRef> AllPages()
    {
        if (Tables is not null)
            foreach (var t in Tables)
                if (t is not null)
                    foreach (var p in t.AllPages())
                        yield return p;
        yield return Page;
    }

    private void WriteDesc(PageAllocator pages, int idx, ulong desc) =>
        BitConverter.TryWriteBytes(pages.Data(Page).Slice(idx * 8, 8), desc);
}
