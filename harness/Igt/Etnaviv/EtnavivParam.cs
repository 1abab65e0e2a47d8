using Igt.Core;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Os;

namespace Igt.Etnaviv;

/// <summary>GET_PARAM: the asserting form and the error-returning form.</summary>
public static class EtnavivParam
{
    public static int TryGet(ISyscalls sys, int fd, uint param, out ulong value, uint pipe = 0)
    {
        var a = new DrmEtnavivParam { Pipe = pipe, Param = param };
        var r = DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GetParam, ref a);
        value = a.Value;
        return r;
    }

    public static ulong Get(ISyscalls sys, int fd, uint param, uint pipe = 0)
    {
        var r = TryGet(sys, fd, param, out var value, pipe);
        IgtCore.Assert(r == 0, $"GET_PARAM 0x{param:x} on pipe {pipe}: {Kernel.Errno.Name(r)}");
        return value;
    }

    /// <summary>The MMU generation, as userspace infers it (softpin start address is ~0 without MMUv2).</summary>
    public static bool HasMmuV2(ISyscalls sys, int fd) => Get(sys, fd, EtnavivParams.SoftpinStartAddr) != ulong.MaxValue;
}
