using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Os;

namespace Igt.I915;

/// <summary>drmtest.c / ioctl_wrappers.c for i915: open the device, GETPARAM and the has/require probes.</summary>
public static class Intel
{
    public const string Driver = "i915";

    /// <summary>drm_open_driver(DRIVER_INTEL): the primary node, skipping when there is no i915.</summary>
    public static int Open(ISyscalls sys, int index = 0) => DrmTest.OpenDriver(sys, Driver, index);

    public static int OpenRender(ISyscalls sys, int index = 0) => DrmTest.OpenDriverRender(sys, Driver, index);

    /// <summary>__gem_getparam: 0 and the value, or -errno.</summary>
    public static int TryGetParam(ISyscalls sys, int fd, int param, out int value)
    {
        using var buf = UserBuffer.Alloc(sys, 4);
        buf.Write(0, 0);
        var gp = new DrmI915Getparam { Param = param, Value = buf.Addr };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.Getparam, ref gp);
        value = r == 0 ? buf.Read<int>(0) : 0;
        return r;
    }

    public static int GetParam(ISyscalls sys, int fd, int param)
    {
        var r = TryGetParam(sys, fd, param, out var v);
        if (r != 0)
            throw new IgtAssertionException($"GETPARAM {param} failed: {Errno.Name(r)}");
        return v;
    }

    public static bool HasParam(ISyscalls sys, int fd, int param) => TryGetParam(sys, fd, param, out var v) == 0 && v > 0;

    /// <summary>intel_gen(intel_get_drm_devid(fd)) for the PCI ids the emulation knows.</summary>
    public static int Gen(ISyscalls sys, int fd) => GetParam(sys, fd, I915Param.ChipsetId) switch
    {
        0x1616 => 8,
        0x1912 => 9,
        0x8a52 => 11,
        0x9a49 => 12,
        var id => throw new IgtSkipException($"unknown i915 device id 0x{id:x4}"),
    };

    /// <summary>gem_require_blitter.</summary>
    public static void RequireBlitter(ISyscalls sys, int fd) => IgtCore.Require(HasParam(sys, fd, I915Param.HasBlt), "a blitter engine");

    public static bool HasLlc(ISyscalls sys, int fd) => HasParam(sys, fd, I915Param.HasLlc);

    /// <summary>gem_has_userptr_probe.</summary>
    public static bool HasUserptrProbe(ISyscalls sys, int fd) => HasParam(sys, fd, I915Param.HasUserptrProbe);
}
