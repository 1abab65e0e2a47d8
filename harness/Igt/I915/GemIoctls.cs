using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Os;

namespace Igt.I915;

/// <summary>
/// ioctl_wrappers.c for the i915 GEM ioctls: set-domain, sync, pread/pwrite, madvise, caching, tiling, busy,
/// wait. Asserting forms, and Try forms returning 0 or -errno (IGT's "__" helpers).
/// </summary>
public static class GemIoctls
{
    public static int TrySetDomain(ISyscalls sys, int fd, uint handle, uint read, uint write)
    {
        var a = new DrmI915GemSetDomain { Handle = handle, ReadDomains = read, WriteDomain = write };
        return DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemSetDomain, ref a);
    }

    public static void SetDomain(ISyscalls sys, int fd, uint handle, uint read, uint write) =>
        Ok(TrySetDomain(sys, fd, handle, read, write), $"GEM_SET_DOMAIN {handle}");

    /// <summary>__gem_wait (igt_ioctl restarts on EINTR/EAGAIN): 0 or -ETIME; the timeout is written back with what remains.</summary>
    public static int TryWait(ISyscalls sys, int fd, uint handle, ref long timeoutNs)
    {
        var a = new DrmI915GemWait { BoHandle = handle, TimeoutNs = timeoutNs };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemWait, ref a);
        timeoutNs = a.TimeoutNs;
        return r;
    }

    /// <summary>gem_sync: wait for every use of the object to finish.</summary>
    public static void Sync(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmI915GemWait { BoHandle = handle, TimeoutNs = -1 };
        if (DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemWait, ref a) != 0)
            SetDomain(sys, fd, handle, I915GemDomain.Gtt, I915GemDomain.Gtt);
    }

    public static int TryBusy(ISyscalls sys, int fd, uint handle, out uint busy)
    {
        var a = new DrmI915GemBusy { Handle = handle };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemBusy, ref a);
        busy = a.Busy;
        return r;
    }

    /// <summary>gem_bo_busy.</summary>
    public static bool IsBusy(ISyscalls sys, int fd, uint handle)
    {
        Ok(TryBusy(sys, fd, handle, out var busy), $"GEM_BUSY {handle}");
        return busy != 0;
    }

    public static int TryWrite(ISyscalls sys, int fd, uint handle, ulong offset, ReadOnlySpan<byte> data)
    {
        using var buf = UserBuffer.Alloc(sys, (ulong)Math.Max(1, data.Length));
        buf.WriteBytes(0, data);
        var a = new DrmI915GemPwrite { Handle = handle, Offset = offset, Size = (ulong)data.Length, DataPtr = buf.Addr };
        return DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemPwrite, ref a);
    }

    /// <summary>gem_write.</summary>
    public static void Write(ISyscalls sys, int fd, uint handle, ulong offset, ReadOnlySpan<byte> data) =>
        Ok(TryWrite(sys, fd, handle, offset, data), $"GEM_PWRITE {handle}");

    public static void Write(ISyscalls sys, int fd, uint handle, ulong offset, ReadOnlySpan<uint> dwords) =>
        Write(sys, fd, handle, offset, System.Runtime.InteropServices.MemoryMarshal.AsBytes(dwords));

    public static int TryRead(ISyscalls sys, int fd, uint handle, ulong offset, Span<byte> dst)
    {
        using var buf = UserBuffer.Alloc(sys, (ulong)Math.Max(1, dst.Length));
        var a = new DrmI915GemPread { Handle = handle, Offset = offset, Size = (ulong)dst.Length, DataPtr = buf.Addr };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemPread, ref a);
        if (r == 0)
            buf.ReadBytes(0, dst);
        return r;
    }

    /// <summary>gem_read.</summary>
    public static void Read(ISyscalls sys, int fd, uint handle, ulong offset, Span<byte> dst) =>
        Ok(TryRead(sys, fd, handle, offset, dst), $"GEM_PREAD {handle}");

    public static uint ReadU32(ISyscalls sys, int fd, uint handle, ulong offset)
    {
        Span<byte> b = stackalloc byte[4];
        Read(sys, fd, handle, offset, b);
        return BitConverter.ToUInt32(b);
    }

    /// <summary>__gem_madvise: 0 with retained, or -errno.</summary>
    public static int TryMadvise(ISyscalls sys, int fd, uint handle, uint madv, out bool retained)
    {
        var a = new DrmI915GemMadvise { Handle = handle, Madv = madv };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemMadvise, ref a);
        retained = a.Retained != 0;
        return r;
    }

    /// <summary>gem_madvise: returns retained.</summary>
    public static bool Madvise(ISyscalls sys, int fd, uint handle, uint madv)
    {
        Ok(TryMadvise(sys, fd, handle, madv, out var retained), $"GEM_MADVISE {handle}");
        return retained;
    }

    public static int TrySetCaching(ISyscalls sys, int fd, uint handle, uint caching)
    {
        var a = new DrmI915GemCaching { Handle = handle, Caching = caching };
        return DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemSetCaching, ref a);
    }

    public static uint GetCaching(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmI915GemCaching { Handle = handle };
        Ok(DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemGetCaching, ref a), $"GEM_GET_CACHING {handle}");
        return a.Caching;
    }

    public static int TrySetTiling(ISyscalls sys, int fd, uint handle, uint tiling, uint stride)
    {
        var a = new DrmI915GemSetTiling { Handle = handle, TilingMode = tiling, Stride = stride };
        return DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemSetTiling, ref a);
    }

    /// <summary>gem_set_tiling.</summary>
    public static void SetTiling(ISyscalls sys, int fd, uint handle, uint tiling, uint stride) =>
        Ok(TrySetTiling(sys, fd, handle, tiling, stride), $"GEM_SET_TILING {handle}");

    public static void Ok(int r, string what)
    {
        if (r != 0)
            throw new IgtAssertionException($"{what} failed: {Errno.Name(r)}");
    }
}
