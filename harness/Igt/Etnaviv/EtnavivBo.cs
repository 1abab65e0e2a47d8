using Igt.Core;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Etnaviv;

/// <summary>
/// BO helpers: GEM_NEW, GEM_INFO and mmap, CPU_PREP/CPU_FINI, GEM_WAIT, GEM_USERPTR. Each has an asserting form and a
/// Try form returning 0 or -errno (IGT's "__" helpers).
/// </summary>
public static class EtnavivBo
{
    public static int TryNew(ISyscalls sys, int fd, ulong size, uint flags, out uint handle)
    {
        var a = new DrmEtnavivGemNew { Size = size, Flags = flags };
        var r = DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GemNew, ref a);
        handle = a.Handle;
        return r;
    }

    public static uint New(ISyscalls sys, int fd, ulong size, uint flags = EtnavivIoctls.BoWc)
    {
        var r = TryNew(sys, fd, size, flags, out var handle);
        IgtCore.Assert(r == 0, $"GEM_NEW size {size} flags 0x{flags:x}: {Errno.Name(r)}");
        return handle;
    }

    public static int TryInfo(ISyscalls sys, int fd, uint handle, out ulong offset, uint pad = 0)
    {
        var a = new DrmEtnavivGemInfo { Handle = handle, Pad = pad };
        var r = DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GemInfo, ref a);
        offset = a.Offset;
        return r;
    }

    public static ulong MmapOffset(ISyscalls sys, int fd, uint handle)
    {
        var r = TryInfo(sys, fd, handle, out var offset);
        IgtCore.Assert(r == 0, $"GEM_INFO of handle {handle}: {Errno.Name(r)}");
        return offset;
    }

    /// <summary>mmap of <paramref name="size"/> bytes of the BO: the address or a negative errno.</summary>
    public static long TryMmap(ISyscalls sys, int fd, uint handle, ulong size, Prot prot = Prot.ReadWrite)
    {
        var r = TryInfo(sys, fd, handle, out var offset);
        return r != 0 ? r : sys.Mmap(0, size, prot, MapFlags.Shared, fd, offset);
    }

    public static ulong Mmap(ISyscalls sys, int fd, uint handle, ulong size, Prot prot = Prot.ReadWrite)
    {
        var addr = TryMmap(sys, fd, handle, size, prot);
        IgtCore.Assert(addr > 0, $"mmap of handle {handle}: {Errno.Name((int)addr)}");
        return (ulong)addr;
    }

    public static uint ReadU32(ISyscalls sys, ulong addr)
    {
        Span<byte> b = stackalloc byte[4];
        var r = sys.Read(addr, b);
        IgtCore.Assert(r == FaultResult.Ok, $"load from 0x{addr:x} faulted: {r}");
        return BitConverter.ToUInt32(b);
    }

    public static void WriteU32(ISyscalls sys, ulong addr, uint value)
    {
        var r = sys.Write(addr, BitConverter.GetBytes(value));
        IgtCore.Assert(r == FaultResult.Ok, $"store to 0x{addr:x} faulted: {r}");
    }

    public static int TryCpuPrep(ISyscalls sys, int fd, uint handle, uint op, DrmEtnavivTimespec deadline)
    {
        var a = new DrmEtnavivGemCpuPrep { Handle = handle, Op = op, Timeout = deadline };
        return DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GemCpuPrep, ref a);
    }

    public static void CpuPrep(ISyscalls sys, int fd, uint handle, uint op, TimeSpan timeout)
    {
        var r = TryCpuPrep(sys, fd, handle, op, IgtEtnaviv.Deadline(timeout));
        IgtCore.Assert(r == 0, $"CPU_PREP of handle {handle} op {op}: {Errno.Name(r)}");
    }

    public static int TryCpuFini(ISyscalls sys, int fd, uint handle, uint flags = 0)
    {
        var a = new DrmEtnavivGemCpuFini { Handle = handle, Flags = flags };
        return DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GemCpuFini, ref a);
    }

    public static void CpuFini(ISyscalls sys, int fd, uint handle)
    {
        var r = TryCpuFini(sys, fd, handle);
        IgtCore.Assert(r == 0, $"CPU_FINI of handle {handle}: {Errno.Name(r)}");
    }

    /// <summary>GEM_WAIT: 0, -EBUSY (NONBLOCK and busy), -ETIMEDOUT, or another -errno.</summary>
    public static int TryWait(ISyscalls sys, int fd, uint handle, DrmEtnavivTimespec deadline, uint flags = 0, uint pipe = 0)
    {
        var a = new DrmEtnavivGemWait { Pipe = pipe, Handle = handle, Flags = flags, Timeout = deadline };
        return DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GemWait, ref a);
    }

    public static void Wait(ISyscalls sys, int fd, uint handle, TimeSpan timeout)
    {
        var r = TryWait(sys, fd, handle, IgtEtnaviv.Deadline(timeout));
        IgtCore.Assert(r == 0, $"GEM_WAIT of handle {handle}: {Errno.Name(r)}");
    }

    public static int TryUserptr(ISyscalls sys, int fd, ulong ptr, ulong size, uint flags, out uint handle)
    {
        var a = new DrmEtnavivGemUserptr { UserPtr = ptr, UserSize = size, Flags = flags };
        var r = DrmIoctlHelper.Ioctl(sys, fd, EtnavivIoctls.GemUserptr, ref a);
        handle = a.Handle;
        return r;
    }

    public static uint Userptr(ISyscalls sys, int fd, ulong ptr, ulong size, uint flags = EtnavivIoctls.UserptrRead | EtnavivIoctls.UserptrWrite)
    {
        var r = TryUserptr(sys, fd, ptr, size, flags, out var handle);
        IgtCore.Assert(r == 0, $"GEM_USERPTR 0x{ptr:x}+{size}: {Errno.Name(r)}");
        return handle;
    }
}
