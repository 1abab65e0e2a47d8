using System.Runtime.InteropServices;
using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.I915;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.I915;

/// <summary>
/// The helpers of gem_userptr_blits.c: copy() and blit() (XY_SRC_COPY_BLT of a 512x512x32bpp surface on the
/// blitter, addresses by relocation), create_userptr/create_bo filled with counting dwords, and the checks.
/// They take the process explicitly because forked children use them too.
/// </summary>
public static class UserptrBlits
{
    public const uint Width = 512;
    public const uint Height = 512;
    public const int Dwords = (int)(Width * Height);
    public const ulong Size = Width * Height * 4;

    /// <summary>copy(): dst := src on the blitter; waits for the copy. 0 or the execbuf's -errno.</summary>
    public static int Copy(ISyscalls sys, int fd, uint dst, uint src)
    {
        var gen = Intel.Gen(sys, fd);
        var b = new List<uint>();
        var relocs = IntelBlt.XySrcCopy(b, gen, 0, 0, Width, Height);
        var handle = Igt.I915.GemCreate.Create(sys, fd, 4096);
        GemIoctls.Write(sys, fd, handle, 0, b.ToArray());
        using var list = new GemExecList(sys);
        list.Add(dst, ExecObjectFlags.Supports48BAddress);
        if (src != dst)
            list.Add(src, ExecObjectFlags.Supports48BAddress);
        var bi = list.Add(handle, ExecObjectFlags.Supports48BAddress);
        list.Reloc(bi, (ulong)relocs.DstOffset, dst, 0, I915GemDomain.Render, I915GemDomain.Render);
        list.Reloc(bi, (ulong)relocs.SrcOffset, src, 0, I915GemDomain.Render);
        var eb = list.Args(Intel.HasParam(sys, fd, I915Param.HasBlt) ? I915ExecFlags.Blt : 0);
        var ret = GemExecbuf.TryExecbuf(sys, fd, ref eb);
        Gem.Close(sys, fd, handle);
        if (ret == 0)
            GemIoctls.Sync(sys, fd, dst);
        return ret;
    }

    /// <summary>blit() of eviction_common: dst := src with every object of <paramref name="all"/> in the execbuf.</summary>
    public static int Blit(ISyscalls sys, int fd, uint dst, uint src, IReadOnlyList<uint> all)
    {
        var gen = Intel.Gen(sys, fd);
        var b = new List<uint>();
        var relocs = IntelBlt.XySrcCopy(b, gen, (ulong)dst * Size, (ulong)src * Size, Width, Height);
        var handle = Igt.I915.GemCreate.Create(sys, fd, 4096);
        GemIoctls.Write(sys, fd, handle, 0, b.ToArray());
        using var list = new GemExecList(sys);
        foreach (var h in all)
            list.Add(h, ExecObjectFlags.Supports48BAddress | (h == dst ? ExecObjectFlags.Write : 0), (ulong)h * Size);
        var bi = list.Add(handle, ExecObjectFlags.Supports48BAddress, (ulong)handle * Size);
        list.Reloc(bi, (ulong)relocs.DstOffset, dst, 0, I915GemDomain.Render, I915GemDomain.Render, (ulong)dst * Size);
        list.Reloc(bi, (ulong)relocs.SrcOffset, src, 0, I915GemDomain.Render, 0, (ulong)src * Size);
        var eb = list.Args((Intel.HasParam(sys, fd, I915Param.HasBlt) ? I915ExecFlags.Blt : 0) | I915ExecFlags.NoReloc);
        var ret = GemExecbuf.TryExecbuf(sys, fd, ref eb);
        Gem.Close(sys, fd, handle);
        return ret;
    }

    /// <summary>create_userptr: a userptr over <paramref name="ptr"/> filled with dwords counting from <paramref name="val"/>.</summary>
    public static uint CreateUserptr(ISyscalls sys, int fd, uint val, ulong ptr, uint flags)
    {
        var handle = GemUserptr.Userptr(sys, fd, ptr, Size, flags: flags);
        UserMem.WriteU32s(sys, ptr, Counting(val));
        return handle;
    }

    /// <summary>create_bo: a normal object filled with dwords counting from <paramref name="val"/>.</summary>
    public static uint CreateBo(ISyscalls sys, int fd, uint val)
    {
        var handle = Igt.I915.GemCreate.Create(sys, fd, Size);
        GemIoctls.Write(sys, fd, handle, 0, Counting(val));
        return handle;
    }

    public static uint[] Counting(uint val)
    {
        var a = new uint[Dwords];
        for (var i = 0; i < a.Length; i++)
            a[i] = val + (uint)i;
        return a;
    }

    /// <summary>check_cpu: the memory at <paramref name="ptr"/> counts from <paramref name="val"/>.</summary>
    public static void CheckCpu(ISyscalls sys, ulong ptr, uint val) => CheckDwords(UserMem.ReadU32s(sys, ptr, Dwords), val);

    /// <summary>check_gpu: gem_read of the object counts from <paramref name="val"/>.</summary>
    public static void CheckGpu(ISyscalls sys, int fd, uint handle, uint val)
    {
        var bytes = new byte[Size];
        GemIoctls.Read(sys, fd, handle, 0, bytes);
        CheckDwords(MemoryMarshal.Cast<byte, uint>(bytes.AsSpan()).ToArray(), val);
    }

    private static void CheckDwords(uint[] got, uint val)
    {
        for (var i = 0; i < got.Length; i++)
        {
            if (got[i] != val + (uint)i)
                throw new IgtAssertionException($"Expected 0x{val + (uint)i:x8}, found 0x{got[i]:x8} at offset 0x{i * 4:x8}");
        }
    }

    /// <summary>has_userptr: can a one-page userptr with these flags be created here?</summary>
    public static bool HasUserptr(ISyscalls sys, int fd, uint flags)
    {
        var ptr = UserMem.MapAnon(sys, 4096);
        var r = GemUserptr.TryUserptr(sys, fd, ptr, 4096, false, flags, out var handle);
        if (r == 0)
            Gem.Close(sys, fd, handle);
        sys.Munmap(ptr, 4096);
        return r == 0;
    }

    /// <summary>store_dword: one MI_STORE_DWORD_IMM of <paramref name="value"/> at <paramref name="offset"/> of <paramref name="target"/>.</summary>
    public static void StoreDword(ISyscalls sys, int fd, IntelEngine engine, uint target, ulong offset, uint value) =>
        GemIoctls.Ok(IgtStore.StoreWord(sys, fd, engine, target, offset, value), "store_dword");

    /// <summary>A private anonymous, page-aligned allocation (posix_memalign + the page-rounded size).</summary>
    public static ulong Memalign(ISyscalls sys, ulong size) => UserMem.MapAnon(sys, (size + 4095) & ~4095UL);

    public static void Free(ISyscalls sys, ulong ptr, ulong size) => sys.Munmap(ptr, (size + 4095) & ~4095UL);

    /// <summary>A FNV-1a digest of a range (the test's SHA1: only equality matters).</summary>
    public static ulong Checksum(ISyscalls sys, ulong ptr, int size)
    {
        var h = 14695981039346656037UL;
        foreach (var b in UserMem.ReadBytes(sys, ptr, size))
            h = (h ^ b) * 1099511628211UL;
        return h;
    }

    public static FaultResult Probe(ISyscalls sys, ulong addr) => sys.Read(addr, new byte[4]);
}
