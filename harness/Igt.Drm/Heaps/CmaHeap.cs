using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drm.Heaps;

/// <summary>
/// A CMA heap: physically contiguous, zeroed buffers from a reserved area of <see cref="AreaBytes"/>. An allocation
/// the area cannot hold, or no contiguous run of free frames, fails with -ENOMEM like cma_alloc.
/// </summary>
public sealed class CmaHeap(Machine machine, string name, long areaBytes) : DmaHeap(machine, name)
{
    /// <summary>The default CMA area's name as a device tree "linux,cma" reserved-memory node gives it.</summary>
    public const string DefaultName = "linux,cma";

    private long _usedPages;

    public long AreaBytes { get; } = areaBytes;

    public long UsedBytes => Interlocked.Read(ref _usedPages) << PageAllocator.PageShift;

    protected internal override int AllocatePages(int pageCount, out PageRef[] pages)
    {
        pages = [];
        var err = -Errno.ENOMEM;
        if (Interlocked.Add(ref _usedPages, pageCount) <= AreaBytes >> PageAllocator.PageShift)
            err = Machine.Pages.AllocConstrained(pageCount, contiguous: true, ulong.MaxValue, PageOwner.Cma, this,
                GfpFlags.Zero | GfpFlags.NoWarn, out pages);
        if (err != 0)
        {
            Interlocked.Add(ref _usedPages, -pageCount);
            // cma_alloc without no_warn: pr_err_ratelimited.
            Machine.Dmesg.Printk(Igt.Kernel.Printk.LogLevel.Err, $"cma: {Name}: alloc failed, req-size: {pageCount} pages, ret: {err}");
        }
        return err;
    }

    protected internal override void FreePages(PageRef[] pages)
    {
        base.FreePages(pages);
        Interlocked.Add(ref _usedPages, -pages.Length);
    }
}
