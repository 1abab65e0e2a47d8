using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;
using Igt.Kernel.Vfs;

namespace Igt.Drm.Heaps;

/// <summary>
/// struct dma_heap: /dev/dma_heap/&lt;name&gt;, the central dma-buf allocator of today's kernel. Opening the node gives
/// a file whose only ioctl, DMA_HEAP_IOCTL_ALLOC, returns a dma-buf fd. Subclasses place the pages.
/// </summary>
public abstract class DmaHeap(Machine machine, string name) : ICharDevice
{
    public Machine Machine { get; } = machine;

    public string Name { get; } = name;

    public string Path => "/dev/dma_heap/" + Name;

    public int Open(TaskStruct task, OpenFlags flags, out KFile? file)
    {
        file = new DmaHeapFile(this) { Flags = flags };
        return 0;
    }

    /// <summary>heap->ops->allocate: the buffer's pages for <paramref name="pageCount"/> pages, or -errno.</summary>
    protected internal abstract int AllocatePages(int pageCount, out PageRef[] pages);

    /// <summary>Gives the pages back when the last reference to a buffer goes.</summary>
    protected internal virtual void FreePages(PageRef[] pages)
    {
        foreach (var p in pages)
            Machine.Pages.Free(p, "dma_heap_buffer_free");
    }

    /// <summary>Registers the system heap and the default CMA heap once per machine (CONFIG_DMABUF_HEAPS_*).</summary>
    public static void RegisterDefaults(Machine machine)
    {
        lock (machine.Vfs)
        {
            if (machine.Vfs.Lookup("/dev/dma_heap/system") is not null)
                return;
            foreach (DmaHeap heap in new DmaHeap[] { new SystemHeap(machine), new CmaHeap(machine, CmaHeap.DefaultName, machine.Config.RamBytes / 4) })
                machine.Vfs.Register(heap.Path, heap);
        }
    }
}
