using Igt.Core;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Vgem;

/// <summary>lib/igt_vgem.c: dumb buffers on vgem and CPU mappings of them.</summary>
public static partial class IgtVgem
{
    public readonly record struct Bo(uint Handle, ulong Size, uint Pitch);

    public static int TryCreate(ISyscalls sys, int fd, uint width, uint height, uint bpp, out Bo bo)
    {
        var a = new DrmModeCreateDumb { Width = width, Height = height, Bpp = bpp };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.ModeCreateDumb, ref a);
        bo = new Bo(a.Handle, a.Size, a.Pitch);
        return r;
    }

    /// <summary>vgem_create: a buffer of at least <paramref name="bytes"/> (width × 1 line × 32 bpp).</summary>
    public static Bo Create(ISyscalls sys, int fd, ulong bytes)
    {
        var pages = (bytes + 4095) / 4096;
        var r = TryCreate(sys, fd, 1024, (uint)pages, 32, out var bo);
        IgtCore.Assert(r == 0, $"vgem dumb create of {bytes} bytes: {Errno.Name(r)}");
        return bo;
    }

    public static int TryMmapOffset(ISyscalls sys, int fd, uint handle, out ulong offset)
    {
        var a = new DrmModeMapDumb { Handle = handle };
        var r = DrmIoctlHelper.Ioctl(sys, fd, DrmIoctls.ModeMapDumb, ref a);
        offset = a.Offset;
        return r;
    }

    /// <summary>vgem_mmap: maps the whole buffer shared, read/write.</summary>
    public static ulong Mmap(ISyscalls sys, int fd, Bo bo)
    {
        var r = TryMmapOffset(sys, fd, bo.Handle, out var offset);
        IgtCore.Assert(r == 0, $"MODE_MAP_DUMB: {Errno.Name(r)}");
        var addr = sys.Mmap(0, bo.Size, Prot.ReadWrite, MapFlags.Shared, fd, offset);
        IgtCore.Assert(addr >= 0, $"mmap of vgem bo: {Errno.Name((int)addr)}");
        return (ulong)addr;
    }

    /// <summary>Fills a mapped buffer with a per-page pattern derived from <paramref name="seed"/>.</summary>
    public static void FillPattern(ISyscalls sys, ulong addr, ulong size, uint seed)
    {
        var page = new byte[4096];
        for (ulong off = 0; off < size; off += 4096)
        {
            Pattern(page, seed, off);
            IgtCore.Assert(sys.Write(addr + off, page) == FaultResult.Ok, $"store to mapped bo at +{off}");
        }
    }

    /// <summary>The first offset where the buffer differs from the pattern, or -1.</summary>
    public static long CheckPattern(ISyscalls sys, ulong addr, ulong size, uint seed)
    {
        var want = new byte[4096];
        var got = new byte[4096];
        for (ulong off = 0; off < size; off += 4096)
        {
            Pattern(want, seed, off);
            if (sys.Read(addr + off, got) != FaultResult.Ok)
                return (long)off;
            if (!want.AsSpan().SequenceEqual(got))
                return (long)off + want.AsSpan().CommonPrefixLength(got);
        }
        return -1;
    }

    private static void Pattern(byte[] page, uint seed, ulong off)
    {
        var v = seed ^ (uint)(off >> 12) * 2654435761u;
        for (var i = 0; i < page.Length; i += 4)
        {
            BitConverter.TryWriteBytes(page.AsSpan(i), v);
            v = v * 1664525u + 1013904223u;
        }
    }
}
