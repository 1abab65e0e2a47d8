using Igt.Drm.Uapi;
using Igt.Os;

namespace Igt.Drm;

/// <summary>igt_syncobj.c: create, destroy and wait on syncobjs.</summary>
public static class Syncobj
{
    public static uint Create(ISyscalls sys, int fd, uint flags = 0)
    {
        var a = new DrmSyncobjCreate { Flags = flags };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.SyncobjCreate, ref a);
        return a.Handle;
    }

    public static int TryCreate(ISyscalls sys, int fd, uint flags, out uint handle)
    {
        var a = new DrmSyncobjCreate { Flags = flags };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.SyncobjCreate, ref a);
        handle = a.Handle;
        return r;
    }

    public static void Destroy(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmSyncobjDestroy { Handle = handle };
        DrmIoctlHelper.DoIoctl(sys, fd, DrmIoctls.SyncobjDestroy, ref a);
    }

    /// <summary>__syncobj_wait: waits with an absolute CLOCK_MONOTONIC deadline. Restarts on EINTR keep the deadline.</summary>
    public static int TryWait(ISyscalls sys, int fd, uint[] handles, long absTimeoutNs, uint flags, out uint firstSignaled)
    {
        using var arr = UserBuffer.From<uint>(sys, handles);
        var a = new DrmSyncobjWait { Handles = arr.Addr, CountHandles = (uint)handles.Length, TimeoutNsec = absTimeoutNs, Flags = flags };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.SyncobjWait, ref a);
        firstSignaled = a.FirstSignaled;
        return r;
    }

    public static bool Wait(ISyscalls sys, int fd, uint[] handles, long absTimeoutNs, uint flags = 0) =>
        TryWait(sys, fd, handles, absTimeoutNs, flags, out _) == 0;
}
