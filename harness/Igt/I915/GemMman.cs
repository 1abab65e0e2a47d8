using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.I915;

/// <summary>lib/i915/gem_mman.c: the legacy CPU/WC mmap ioctl and MMAP_OFFSET + mmap() of the DRM fd.</summary>
public static class GemMman
{
    /// <summary>__gem_mmap: the mapped address, or -errno.</summary>
    public static long TryMmap(ISyscalls sys, int fd, uint handle, ulong offset, ulong size, ulong flags)
    {
        var a = new DrmI915GemMmap { Handle = handle, Offset = offset, Size = size, Flags = flags };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemMmap, ref a);
        return r == 0 ? (long)a.AddrPtr : r;
    }

    /// <summary>gem_mmap__cpu.</summary>
    public static ulong MmapCpu(ISyscalls sys, int fd, uint handle, ulong offset, ulong size) =>
        Check(TryMmap(sys, fd, handle, offset, size, 0), "GEM_MMAP (cpu)");

    /// <summary>gem_mmap__wc (legacy ioctl with I915_MMAP_WC).</summary>
    public static ulong MmapWc(ISyscalls sys, int fd, uint handle, ulong offset, ulong size) =>
        Check(TryMmap(sys, fd, handle, offset, size, I915MmapOffsetType.LegacyWcFlag), "GEM_MMAP (wc)");

    /// <summary>__gem_mmap_offset ioctl only: 0 with the fake offset, or -errno.</summary>
    public static int TryMmapOffset(ISyscalls sys, int fd, uint handle, ulong type, out ulong offset)
    {
        var a = new DrmI915GemMmapOffset { Handle = handle, Flags = type };
        var r = DrmIoctlHelper.Ioctl(sys, fd, I915Ioctls.GemMmapOffset, ref a);
        offset = a.Offset;
        return r;
    }

    /// <summary>__gem_mmap_offset: MMAP_OFFSET then mmap() of the DRM fd; the address or -errno.</summary>
    public static long TryMapOffset(ISyscalls sys, int fd, uint handle, ulong offset, ulong size, Prot prot, ulong type)
    {
        var r = TryMmapOffset(sys, fd, handle, type, out var fake);
        if (r != 0)
            return r;
        return sys.Mmap(0, size, prot, MapFlags.Shared, fd, fake + offset);
    }

    public static ulong MapOffset(ISyscalls sys, int fd, uint handle, ulong size, Prot prot, ulong type) =>
        Check(TryMapOffset(sys, fd, handle, 0, size, prot, type), $"mmap_offset type {type}");

    /// <summary>gem_mmap__gtt.</summary>
    public static ulong MmapGtt(ISyscalls sys, int fd, uint handle, ulong size, Prot prot) =>
        MapOffset(sys, fd, handle, size, prot, I915MmapOffsetType.Gtt);

    private static ulong Check(long addr, string what)
    {
        if (addr < 0)
            throw new IgtAssertionException($"{what} failed: {Errno.Name((int)addr)}");
        return (ulong)addr;
    }
}
