using System.Runtime.InteropServices;
using Igt.Drm.Uapi;

namespace Igt.Drm.Heaps;

/// <summary>struct dma_heap_allocation_data (include/uapi/linux/dma-heap.h).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DmaHeapAllocationData
{
    public ulong Len;
    public uint Fd;
    public uint FdFlags;
    public ulong HeapFlags;

    /// <summary>DMA_HEAP_IOCTL_ALLOC = _IOWR('H', 0, struct dma_heap_allocation_data) = 0xC0184800.</summary>
    public static readonly uint IoctlAlloc = Ioc.IOWR((uint)'H', 0, 24);

    /// <summary>DMA_HEAP_VALID_FD_FLAGS: O_CLOEXEC | O_ACCMODE.</summary>
    public const uint ValidFdFlags = 0x80000 | 3;

    /// <summary>DMA_HEAP_VALID_HEAP_FLAGS: none defined.</summary>
    public const ulong ValidHeapFlags = 0;
}
