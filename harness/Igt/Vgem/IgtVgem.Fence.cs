using Igt.Core;
using Igt.Drivers.Vgem.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Vgem;

/// <summary>lib/igt_vgem.c: vgem fences (attach, signal) and the dma-buf busy check of vgem_basic.</summary>
public static partial class IgtVgem
{
    /// <summary>__vgem_fence_attach: 0 or -errno; <paramref name="fence"/> is the new fence id.</summary>
    public static int TryFenceAttach(ISyscalls sys, int fd, uint handle, uint flags, out uint fence)
    {
        var a = new DrmVgemFenceAttach { Handle = handle, Flags = flags };
        var r = DrmIoctlHelper.Ioctl(sys, fd, VgemIoctls.FenceAttach, ref a);
        fence = a.OutFence;
        return r;
    }

    /// <summary>vgem_fence_attach: asserts success.</summary>
    public static uint FenceAttach(ISyscalls sys, int fd, Bo bo, uint flags)
    {
        var r = TryFenceAttach(sys, fd, bo.Handle, flags, out var fence);
        IgtCore.Assert(r == 0, $"VGEM_FENCE_ATTACH on handle {bo.Handle}: {Errno.Name(r)}");
        return fence;
    }

    /// <summary>__vgem_fence_signal: 0 or -errno.</summary>
    public static int TryFenceSignal(ISyscalls sys, int fd, uint fence, uint flags = 0)
    {
        var a = new DrmVgemFenceSignal { Fence = fence, Flags = flags };
        return DrmIoctlHelper.Ioctl(sys, fd, VgemIoctls.FenceSignal, ref a);
    }

    /// <summary>vgem_fence_signal: asserts success.</summary>
    public static void FenceSignal(ISyscalls sys, int fd, uint fence)
    {
        var r = TryFenceSignal(sys, fd, fence);
        IgtCore.Assert(r == 0, $"VGEM_FENCE_SIGNAL of fence {fence}: {Errno.Name(r)}");
    }

    /// <summary>vgem_has_fences: an attach to handle 0 is -ENOENT when the ioctl exists.</summary>
    public static bool HasFences(ISyscalls sys, int fd) => TryFenceAttach(sys, fd, 0, 0, out _) == -Errno.ENOENT;

    /// <summary>vgem_require_fences.</summary>
    public static void RequireFences(ISyscalls sys, int fd) => IgtCore.Require(HasFences(sys, fd), "vgem fences (VGEM_FENCE_ATTACH)");

    /// <summary>
    /// prime_busy of vgem_basic: a zero-timeout poll of the dma-buf finds it busy. POLLIN waits for writers only,
    /// POLLOUT (<paramref name="excl"/>) for every fence.
    /// </summary>
    public static bool PrimeBusy(ISyscalls sys, int dmabuf, bool excl) =>
        sys.Poll(dmabuf, excl ? PollEvents.Out : PollEvents.In, 0) == 0;
}
