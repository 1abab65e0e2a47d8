using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Os;

namespace Igt.I915;

/// <summary>lib/i915/gem_userptr (ioctl_wrappers.c gem_userptr / __gem_userptr).</summary>
public static class GemUserptr
{
    /// <summary>__gem_userptr: 0 with the handle, or -errno. The ioctl is not restarted on EINTR/EAGAIN by IGT either.</summary>
    public static int TryUserptr(ISyscalls sys, int fd, ulong ptr, ulong size, bool readOnly, uint flags, out uint handle)
    {
        var a = new DrmI915GemUserptr { UserPtr = ptr, UserSize = size, Flags = flags | (readOnly ? I915UserptrFlags.ReadOnly : 0) };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemUserptr, ref a);
        handle = a.Handle;
        return r;
    }

    public static uint Userptr(ISyscalls sys, int fd, ulong ptr, ulong size, bool readOnly = false, uint flags = 0)
    {
        var r = TryUserptr(sys, fd, ptr, size, readOnly, flags, out var handle);
        if (r != 0)
            throw new IgtAssertionException($"GEM_USERPTR 0x{ptr:x}+0x{size:x} flags 0x{flags:x} failed: {Errno.Name(r)}");
        IgtCore.Assert(handle != 0, "userptr handle != 0");
        return handle;
    }
}
