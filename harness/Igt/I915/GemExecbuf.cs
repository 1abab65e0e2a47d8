using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Os;

namespace Igt.I915;

/// <summary>gem_execbuf / __gem_execbuf / __gem_execbuf_wr.</summary>
public static class GemExecbuf
{
    /// <summary>__gem_execbuf: 0 or -errno (igt_ioctl: restarted on EINTR/EAGAIN).</summary>
    public static int TryExecbuf(ISyscalls sys, int fd, ref DrmI915GemExecbuffer2 eb) =>
        DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemExecbuffer2, ref eb);

    /// <summary>__gem_execbuf_wr: the _WR ioctl, so rsvd2 comes back (FENCE_OUT).</summary>
    public static int TryExecbufWr(ISyscalls sys, int fd, ref DrmI915GemExecbuffer2 eb) =>
        DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemExecbuffer2Wr, ref eb);

    public static void Execbuf(ISyscalls sys, int fd, ref DrmI915GemExecbuffer2 eb)
    {
        var r = TryExecbuf(sys, fd, ref eb);
        if (r != 0)
            throw new IgtAssertionException($"GEM_EXECBUFFER2 failed: {Errno.Name(r)}");
    }
}
