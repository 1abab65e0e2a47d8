using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Printk;
using Igt.Kernel.Sync;

namespace Igt.Drivers.Panfrost;

/// <summary>CREATE_BO, MMAP_BO, GET_BO_OFFSET and WAIT_BO.</summary>
public sealed partial class PanfrostDriver
{
    /// <summary>CONFIG_HZ of the arm64 defconfig: WAIT_BO returns the remaining jiffies on success.</summary>
    private const long NsPerJiffy = 1_000_000_000 / 250;

    private int CreateBo(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostCreateBo>(data);
        var validFlags = Minor >= 1 ? PanfrostIoctls.BoNoexec | PanfrostIoctls.BoHeap : 0;
        if (a.Size == 0 || a.Pad != 0 || (a.Flags & ~validFlags) != 0)
            return -Errno.EINVAL;
        // Heaps should never be executable.
        if ((a.Flags & PanfrostIoctls.BoHeap) != 0 && (a.Flags & PanfrostIoctls.BoNoexec) == 0)
            return -Errno.EINVAL;
        var heap = (a.Flags & PanfrostIoctls.BoHeap) != 0;
        var size = ((ulong)a.Size + PageAllocator.PageSize - 1) & ~(ulong)(PageAllocator.PageSize - 1);
        if (heap)
            size = (size + (2UL << 20) - 1) & ~((2UL << 20) - 1);

        var bo = new PanfrostGem(Pfdev, size, (a.Flags & PanfrostIoctls.BoNoexec) != 0, heap);
        var err = file.HandleCreate(bo, out var handle);
        if (err == 0)
        {
            a.Handle = handle;
            var mapping = Pfdev.Bug(KnownBugs.MappingOnObject) ? bo.AnyMappingGet() : bo.MappingGet(PanfrostFilePriv.Of(file).Mmu);
            if (mapping is not null)
            {
                a.Offset = mapping.GpuVa;
                mapping.Put();
            }
            else
            {
                err = -Errno.EINVAL; // the handle was guessed and closed by another thread meanwhile
            }
        }
        bo.Put();
        return err;
    }

    private int MmapBo(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostMmapBo>(data);
        if (a.Flags != 0)
        {
            dev.Machine.Dmesg.Printk(LogLevel.Info, $"[drm] unknown mmap_bo flags: {(int)a.Flags}");
            return -Errno.EINVAL;
        }
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            // Heap pages are not pinned: no CPU mapping.
            if (obj is PanfrostGem { IsHeap: true })
                return -Errno.EINVAL;
            a.Offset = dev.VmaOffsets.Add(obj) << PageAllocator.PageShift;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    private int GetBoOffset(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostGetBoOffset>(data);
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        var bo = (PanfrostGem)obj;
        var mapping = Pfdev.Bug(KnownBugs.MappingOnObject) ? bo.AnyMappingGet() : bo.MappingGet(PanfrostFilePriv.Of(file).Mmu);
        obj.Put();
        if (mapping is null)
            return -Errno.EINVAL;
        a.Offset = mapping.GpuVa;
        mapping.Put();
        return 0;
    }

    /// <summary>
    /// panfrost_ioctl_wait_bo(): waits for every fence of the BO with an absolute deadline (restarts keep it).
    /// Busy after a poll (0, or a deadline already past) is -EBUSY, after a real wait -ETIMEDOUT. Success returns
    /// what dma_resv_wait_timeout returned: the remaining jiffies, a positive number.
    /// </summary>
    private static int WaitBo(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostWaitBo>(data);
        if (a.Pad != 0)
            return -Errno.EINVAL;
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            // drm_timeout_abs_to_jiffies(): 0 polls, a deadline in the past polls too.
            var timeoutNs = a.TimeoutNs == 0 ? 0 : KernelTime.UntilDeadline(a.TimeoutNs);
            var r = obj.Resv.Wait(DmaResvUsage.Read, interruptible: true, timeoutNs);
            if (r < 0)
                return (int)r;
            if (r == 0)
                return timeoutNs > 0 ? -Errno.ETIMEDOUT : -Errno.EBUSY;
            return (int)Math.Clamp((r + NsPerJiffy - 1) / NsPerJiffy, 1, int.MaxValue);
        }
        finally
        {
            obj.Put();
        }
    }
}
