using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Os;

namespace Igt.I915;

/// <summary>lib/i915/gem_create.c.</summary>
public static class GemCreate
{
    /// <summary>__gem_create: 0 with the handle and the (rounded) size, or -errno.</summary>
    public static int TryCreate(ISyscalls sys, int fd, ref ulong size, out uint handle)
    {
        var a = new DrmI915GemCreate { Size = size };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemCreate, ref a);
        handle = a.Handle;
        if (r == 0)
            size = a.Size;
        return r;
    }

    public static uint Create(ISyscalls sys, int fd, ulong size)
    {
        var r = TryCreate(sys, fd, ref size, out var handle);
        if (r != 0)
            throw new IgtAssertionException($"GEM_CREATE of {size} bytes failed: {Errno.Name(r)}");
        return handle;
    }
}
