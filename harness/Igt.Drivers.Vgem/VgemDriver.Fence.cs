using Igt.Drivers.Vgem.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.Vgem;

/// <summary>vgem_fence.c: VGEM_FENCE_ATTACH and VGEM_FENCE_SIGNAL.</summary>
public sealed partial class VgemDriver
{
    /// <summary>
    /// vgem_fence_attach_ioctl: a new fence on the object's reservation, read (shared) or write (exclusive).
    /// A conflicting unsignalled fence (any fence for a write, a writer for a read) is -EBUSY.
    /// </summary>
    private static int FenceAttach(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var arg = ref UapiStruct.As<DrmVgemFenceAttach>(data);
        if ((arg.Flags & ~VgemIoctls.FenceWrite) != 0)
            return -Errno.EINVAL;
        if (arg.Pad != 0)
            return -Errno.EINVAL;
        var obj = file.Lookup(arg.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            var write = (arg.Flags & VgemIoctls.FenceWrite) != 0;
            var fence = new VgemFence();
            // dma_resv_usage_rw(write): a writer must wait for everyone, a reader only for writers.
            if (!obj.Resv.TestSignaled(write ? DmaResvUsage.Read : DmaResvUsage.Write))
            {
                fence.Signal();
                fence.StopTimer();
                return -Errno.EBUSY;
            }
            lock (obj.Resv.Lock)
                obj.Resv.AddFence(fence, write ? DmaResvUsage.Write : DmaResvUsage.Read);
            arg.OutFence = VgemFileOf(file).Add(fence);
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    /// <summary>
    /// vgem_fence_signal_ioctl: signals and consumes the fence. -ENOENT for an unknown or already consumed id;
    /// -ETIMEDOUT when the timer had already signalled it (it is consumed all the same).
    /// </summary>
    private static int FenceSignal(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var arg = ref UapiStruct.As<DrmVgemFenceSignal>(data);
        if (arg.Flags != 0)
            return -Errno.EINVAL;
        var fence = VgemFileOf(file).Take(arg.Fence);
        if (fence is null)
            return -Errno.ENOENT;
        var ret = fence.IsSignaled ? -Errno.ETIMEDOUT : 0;
        fence.Signal();
        fence.StopTimer();
        return ret;
    }

    private static VgemFile VgemFileOf(DrmFile file) => (VgemFile)file.DriverPriv!;
}
