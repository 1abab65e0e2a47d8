using Igt.Core;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Os;

namespace Igt.Etnaviv;

/// <summary>WAIT_FENCE helpers.</summary>
public static class EtnavivFence
{
    /// <summary>0 when signalled (or unknown/retired), -EBUSY (NONBLOCK, pending), -ETIMEDOUT, or another -errno.</summary>
    public static int TryWait(ISyscalls sys, int fd, uint fence, DrmEtnavivTimespec deadline, uint flags = 0, uint pipe = 0)
    {
        var a = new DrmEtnavivWaitFence { Pipe = pipe, Fence = fence, Flags = flags, Timeout = deadline };
        return DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.WaitFence, ref a);
    }

    /// <summary>Like <see cref="TryWait"/> but returns the first result, EINTR included (igt_ioctl without restart).</summary>
    public static int TryWaitRaw(ISyscalls sys, int fd, uint fence, DrmEtnavivTimespec deadline, uint flags = 0, uint pipe = 0)
    {
        var a = new DrmEtnavivWaitFence { Pipe = pipe, Fence = fence, Flags = flags, Timeout = deadline };
        return DrmIoctlHelper.IoctlRaw(sys, fd, EtnavivIoctls.WaitFence, ref a);
    }

    public static void Wait(ISyscalls sys, int fd, uint fence, TimeSpan timeout)
    {
        var r = TryWait(sys, fd, fence, IgtEtnaviv.Deadline(timeout));
        IgtCore.Assert(r == 0, $"WAIT_FENCE {fence}: {Errno.Name(r)}");
    }

    /// <summary>NONBLOCK query: true when the fence signalled.</summary>
    public static bool IsSignaled(ISyscalls sys, int fd, uint fence) =>
        TryWait(sys, fd, fence, default, EtnavivIoctls.WaitNonblock) == 0;
}
