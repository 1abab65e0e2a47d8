using System.Text;
using Igt.Core;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Os;

namespace Igt.Drm;

/// <summary>drmtest.c: open a device by driver name, like drm_open_driver / drm_open_driver_render.</summary>
public static class DrmTest
{
    /// <summary>The driver name of an open DRM fd (DRM_IOCTL_VERSION), or null when it is not a DRM fd.</summary>
    public static string? DriverName(ISyscalls sys, int fd)
    {
        var v = new DrmVersion();
        if (DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.Version, ref v) != 0)
            return null;
        using var name = UserBuffer.Alloc(sys, v.NameLen + 1);
        v = new DrmVersion { NameLen = v.NameLen, Name = name.Addr };
        if (DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.Version, ref v) != 0)
            return null;
        var bytes = new byte[v.NameLen];
        name.ReadBytes(0, bytes);
        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>__drm_open_driver: an fd of the first device of <paramref name="driver"/>, or a negative errno.</summary>
    public static int TryOpenDriver(ISyscalls sys, string driver, bool render = false, int index = 0)
    {
        var found = 0;
        foreach (var path in sys.ListDevices("/dev/dri/"))
        {
            var isRender = path.Contains("renderD", StringComparison.Ordinal);
            if (isRender != render)
                continue;
            var fd = sys.Open(path);
            if (fd < 0)
                continue;
            if (DriverName(sys, fd) == driver && found++ == index)
                return fd;
            sys.Close(fd);
        }
        return -Errno.ENOENT;
    }

    /// <summary>drm_open_driver: skips the subtest when no such device exists.</summary>
    public static int OpenDriver(ISyscalls sys, string driver, int index = 0)
    {
        var fd = TryOpenDriver(sys, driver, render: false, index);
        IgtCore.Require(fd >= 0, $"a {driver} device (/dev/dri/card*)");
        return fd;
    }

    /// <summary>drm_open_driver_render.</summary>
    public static int OpenDriverRender(ISyscalls sys, string driver, int index = 0)
    {
        var fd = TryOpenDriver(sys, driver, render: true, index);
        IgtCore.Require(fd >= 0, $"a {driver} render node (/dev/dri/renderD*)");
        return fd;
    }
}
