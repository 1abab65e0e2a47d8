using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drm.Heaps;

/// <summary>The system heap: zeroed pages from wherever the page allocator has them, with no placement promise.</summary>
public sealed class SystemHeap(Machine machine) : DmaHeap(machine, "system")
{
    protected internal override int AllocatePages(int pageCount, out PageRef[] pages)
    {
        pages = new PageRef[pageCount];
        for (var i = 0; i < pageCount; i++)
        {
            var err = Machine.Pages.Alloc(PageOwner.Kernel, this, GfpFlags.Zero | GfpFlags.NoWarn, out pages[i]);
            if (err == 0)
                continue;
            FreePages(pages[..i]);
            pages = [];
            return err;
        }
        return 0;
    }
}
