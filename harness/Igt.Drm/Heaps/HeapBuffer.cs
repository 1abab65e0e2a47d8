using Igt.Drm.Fences;
using Igt.Drm.Prime;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drm.Heaps;

/// <summary>
/// A dma-buf allocated from a heap (system_heap_buffer / cma_heap_buffer): its pages exist from the ALLOC ioctl on,
/// the CPU maps them cached, and SYNC maintains CPU caches for every mapped attachment of a non-coherent device.
/// </summary>
public sealed class HeapBuffer : DmaBuf
{
    private readonly PageRef[] _pages;

    public HeapBuffer(DmaHeap heap, PageRef[] pages, OpenFlags accmode)
        : base(heap.Machine, (ulong)pages.Length << PageAllocator.PageShift, new DmaResv(), heap.Name)
    {
        Heap = heap;
        _pages = pages;
        Flags = accmode;
    }

    public DmaHeap Heap { get; }

    public override IReadOnlyList<PageRef> SnapshotPages() => _pages;

    public override PageRef PeekPage(int index) => (uint)index < (uint)_pages.Length ? _pages[index] : PageRef.None;

    public override bool IsPlaced => true;

    public override int GetPage(int index, out PageRef page)
    {
        page = PeekPage(index);
        return page.IsNone ? -Igt.Kernel.Errno.EINVAL : 0;
    }

    protected override int PinBacking() => 0;

    protected override void UnpinBacking() { }

    /// <summary>system_heap_mmap / cma_heap_mmap: a cached mapping of the heap's pages.</summary>
    protected override int MmapExporter(Vma vma)
    {
        vma.Ops = HeapVmOps.Instance;
        vma.PrivateData = this;
        vma.CacheMode = CacheMode.WriteBack;
        vma.NonCoherent = true;
        vma.Flags |= VmaFlags.PfnMap;
        Get();
        return 0;
    }

    protected override void Release() => Heap.FreePages(_pages);
}
