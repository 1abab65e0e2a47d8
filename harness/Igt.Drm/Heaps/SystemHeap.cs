using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drm.Heaps;

/// <summary>The system heap: zeroed pages from anywhere in memory, not contiguous.</summary>
public sealed class SystemHeap(Machine machine) : DmaHeap(machine, "system")
{
    protected internal override int AllocatePages(int pageCount, out PageRef[] pages) =>
        Machine.Pages.AllocConstrained(pageCount, contiguous: false, ulong.MaxValue, PageOwner.Kernel, this,
            GfpFlags.Zero | GfpFlags.NoWarn, out pages);
}
