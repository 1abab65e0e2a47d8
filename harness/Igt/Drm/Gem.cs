using Igt.Drm.Uapi;
using Igt.Os;

namespace Igt.Drm;

/// <summary>
/// ioctl_wrappers.c for the core GEM and PRIME ioctls: an asserting form and a Try form that returns 0 or -errno
/// (IGT's "__" helpers).
/// </summary>
public static class Gem
{
    public static int TryClose(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmGemClose { Handle = handle };
        return DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.GemClose, ref a);
    }

    public static void Close(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmGemClose { Handle = handle };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.GemClose, ref a);
    }

    public static int TryFlink(ISyscalls sys, int fd, uint handle, out uint name)
    {
        var a = new DrmGemFlink { Handle = handle };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.GemFlink, ref a);
        name = a.Name;
        return r;
    }

    public static uint Flink(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmGemFlink { Handle = handle };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.GemFlink, ref a);
        return a.Name;
    }

    public static int TryOpen(ISyscalls sys, int fd, uint name, out uint handle, out ulong size)
    {
        var a = new DrmGemOpen { Name = name };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.GemOpen, ref a);
        handle = a.Handle;
        size = a.Size;
        return r;
    }

    public static uint Open(ISyscalls sys, int fd, uint name)
    {
        var a = new DrmGemOpen { Name = name };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.GemOpen, ref a);
        return a.Handle;
    }

    public static int TryPrimeHandleToFd(ISyscalls sys, int fd, uint handle, uint flags, out int dmabuf)
    {
        var a = new DrmPrimeHandle { Handle = handle, Flags = flags, Fd = -1 };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.PrimeHandleToFd, ref a);
        dmabuf = a.Fd;
        return r;
    }

    /// <summary>prime_handle_to_fd (DRM_CLOEXEC | DRM_RDWR, as IGT's prime_handle_to_fd_for_mmap).</summary>
    public static int PrimeHandleToFd(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmPrimeHandle { Handle = handle, Flags = DrmIoctls.DrmCloexec | DrmIoctls.DrmRdwr, Fd = -1 };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.PrimeHandleToFd, ref a);
        return a.Fd;
    }

    public static int TryPrimeFdToHandle(ISyscalls sys, int fd, int dmabuf, out uint handle)
    {
        var a = new DrmPrimeHandle { Fd = dmabuf };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.PrimeFdToHandle, ref a);
        handle = a.Handle;
        return r;
    }

    public static uint PrimeFdToHandle(ISyscalls sys, int fd, int dmabuf)
    {
        var a = new DrmPrimeHandle { Fd = dmabuf };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.PrimeFdToHandle, ref a);
        return a.Handle;
    }

    public static ulong GetCap(ISyscalls sys, int fd, ulong cap)
    {
        var a = new DrmGetCap { Capability = cap };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.GetCap, ref a);
        return a.Value;
    }
}
