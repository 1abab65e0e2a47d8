using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drm.Heaps;

/// <summary>An open /dev/dma_heap/&lt;name&gt; (dma_heap_fops): dma_heap_ioctl with the DRM-style size handling.</summary>
public sealed class DmaHeapFile(DmaHeap heap) : KFile
{
    private const uint IocIn = 1, IocOut = 2; // _IOC_WRITE / _IOC_READ, as the direction field stores them

    public DmaHeap Heap { get; } = heap;

    public override string Name => Heap.Path;

    /// <summary>
    /// dma_heap_ioctl: the nr picks the command (the type byte is not checked); the user's size may be smaller or
    /// larger than the kernel's, missing input is zero-filled and only the user's size is copied back.
    /// </summary>
    public override int Ioctl(TaskStruct task, uint cmd, ulong arg)
    {
        var nr = cmd & 0xff;
        if (nr >= 1)
            return -Errno.EINVAL;
        var kcmd = DmaHeapAllocationData.IoctlAlloc;
        var dir = cmd >> 30;
        var usize = (int)((cmd >> 16) & 0x3fff);
        var kdir = kcmd >> 30;
        var ksizeDrv = (int)((kcmd >> 16) & 0x3fff);
        var inSize = (dir & kdir & IocIn) != 0 ? usize : 0;
        var outSize = (dir & kdir & IocOut) != 0 ? usize : 0;
        var kdata = new byte[Math.Max(Math.Max(inSize, outSize), ksizeDrv)];
        if (inSize > 0 && task.Mm.CopyFromUser(kdata.AsSpan(0, inSize), arg) != 0)
            return -Errno.EFAULT;
        var data = Igt.Drm.Uapi.UapiStruct.As<DmaHeapAllocationData>(kdata.AsSpan(0, ksizeDrv));
        var ret = Allocate(task, ref data);
        if (ret < 0)
            return ret;
        Igt.Drm.Uapi.UapiStruct.As<DmaHeapAllocationData>(kdata.AsSpan(0, ksizeDrv)) = data;
        if (outSize > 0 && task.Mm.CopyToUser(arg, kdata.AsSpan(0, outSize)) != 0)
            return -Errno.EFAULT;
        return ret;
    }

    /// <summary>dma_heap_ioctl_allocate + dma_heap_buffer_alloc.</summary>
    private int Allocate(TaskStruct task, ref DmaHeapAllocationData a)
    {
        if (a.Fd != 0)
            return -Errno.EINVAL;
        if ((a.FdFlags & ~DmaHeapAllocationData.ValidFdFlags) != 0)
            return -Errno.EINVAL;
        if ((a.HeapFlags & ~DmaHeapAllocationData.ValidHeapFlags) != 0)
            return -Errno.EINVAL;
        var len = (a.Len + PageAllocator.PageSize - 1) & ~(ulong)(PageAllocator.PageSize - 1);
        if (len == 0)
            return -Errno.EINVAL;
        if (len / PageAllocator.PageSize > Heap.Machine.Pages.TotalPages)
            return -Errno.ENOMEM;
        var err = Heap.AllocatePages((int)(len / PageAllocator.PageSize), out var pages);
        if (err != 0)
            return err;
        var buf = new HeapBuffer(Heap, pages, (OpenFlags)(a.FdFlags & 3));
        var fd = task.Files.Install(buf);
        if (fd < 0)
        {
            buf.Put();
            return fd;
        }
        a.Fd = (uint)fd;
        return 0;
    }
}
