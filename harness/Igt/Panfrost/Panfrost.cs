using Igt.Core;
using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Sync;
using Igt.Os;

namespace Igt.Panfrost;

/// <summary>
/// lib/igt_panfrost.c: BO, param, madvise, wait and submit helpers. Each comes as an asserting form and a Try form
/// that returns 0 (or the ioctl's non-negative result) or -errno, like IGT's "__" helpers.
/// </summary>
public static class Panfrost
{
    /// <summary>drm_open_driver(DRIVER_PANFROST) on the primary node (GEM_FLINK/GEM_OPEN need it).</summary>
    public static int Open(ISyscalls sys, int index = 0) => DrmTest.OpenDriver(sys, "panfrost", index);

    /// <summary>drm_open_driver_render(DRIVER_PANFROST).</summary>
    public static int OpenRender(ISyscalls sys, int index = 0) => DrmTest.OpenDriverRender(sys, "panfrost", index);

    /// <summary>An absolute CLOCK_MONOTONIC deadline <paramref name="ns"/> from now (abs_timeout()).</summary>
    public static long AbsTimeout(long ns) => KernelTime.MonotonicNs + ns;

    // ---- BOs ---------------------------------------------------------------------------------------------

    public static int TryGemNew(ISyscalls sys, int fd, ulong size, uint flags, out PanfrostBo? bo)
    {
        var a = new DrmPanfrostCreateBo { Size = (uint)size, Flags = flags };
        var r = DrmIoctlHelper.Ioctl(sys, fd, PanfrostIoctls.CreateBo, ref a);
        bo = r == 0 ? new PanfrostBo(a.Handle, a.Offset, size) : null;
        return r;
    }

    /// <summary>igt_panfrost_gem_new().</summary>
    public static PanfrostBo GemNew(ISyscalls sys, int fd, ulong size, uint flags = 0)
    {
        var r = TryGemNew(sys, fd, size, flags, out var bo);
        if (r != 0)
            throw new IgtAssertionException($"CREATE_BO of {size} bytes (flags 0x{flags:x}) failed: {Errno.Name(r)}");
        return bo!;
    }

    /// <summary>igt_panfrost_free_bo(): unmap and close the handle.</summary>
    public static void FreeBo(ISyscalls sys, int fd, PanfrostBo bo)
    {
        Unmap(sys, bo);
        Gem.Close(sys, fd, bo.Handle);
    }

    public static void Unmap(ISyscalls sys, PanfrostBo bo)
    {
        if (bo.Map == 0)
            return;
        sys.Munmap(bo.Map, PageAlign(bo.Size));
        bo.Map = 0;
    }

    public static int TryGetBoOffset(ISyscalls sys, int fd, uint handle, out ulong offset)
    {
        var a = new DrmPanfrostGetBoOffset { Handle = handle };
        var r = DrmIoctlHelper.Ioctl(sys, fd, PanfrostIoctls.GetBoOffset, ref a);
        offset = a.Offset;
        return r;
    }

    /// <summary>igt_panfrost_get_bo_offset().</summary>
    public static ulong GetBoOffset(ISyscalls sys, int fd, uint handle)
    {
        var a = new DrmPanfrostGetBoOffset { Handle = handle };
        DrmIoctlHelper.DoIoctl(sys, fd, PanfrostIoctls.GetBoOffset, ref a);
        return a.Offset;
    }

    public static int TryMmapOffset(ISyscalls sys, int fd, uint handle, out ulong offset)
    {
        var a = new DrmPanfrostMmapBo { Handle = handle };
        var r = DrmIoctlHelper.Ioctl(sys, fd, PanfrostIoctls.MmapBo, ref a);
        offset = a.Offset;
        return r;
    }

    /// <summary>igt_panfrost_mmap_bo(): MMAP_BO then mmap() of the fd at the fake offset; 0 when mmap fails.</summary>
    public static ulong MmapBo(ISyscalls sys, int fd, uint handle, ulong size, Prot prot = Prot.ReadWrite)
    {
        var a = new DrmPanfrostMmapBo { Handle = handle };
        DrmIoctlHelper.DoIoctl(sys, fd, PanfrostIoctls.MmapBo, ref a);
        var addr = sys.Mmap(0, PageAlign(size), prot, MapFlags.Shared, fd, a.Offset);
        return addr < 0 ? 0 : (ulong)addr;
    }

    /// <summary>igt_panfrost_bo_mmap(): maps the BO read/write and remembers the address.</summary>
    public static void BoMmap(ISyscalls sys, int fd, PanfrostBo bo)
    {
        bo.Map = MmapBo(sys, fd, bo.Handle, bo.Size);
        IgtCore.Assert(bo.Map != 0, $"mmap of BO {bo.Handle}");
    }

    /// <summary>A new BO, mapped, filled with <paramref name="fill"/> (0 leaves the zeroed pages as they are).</summary>
    public static PanfrostBo GemNewMapped(ISyscalls sys, int fd, ulong size, uint flags = 0, byte fill = 0)
    {
        var bo = GemNew(sys, fd, size, flags);
        BoMmap(sys, fd, bo);
        if (fill != 0)
        {
            var data = new byte[size];
            Array.Fill(data, fill);
            bo.Write(sys, 0, data);
        }
        return bo;
    }

    // ---- params ------------------------------------------------------------------------------------------

    public static int TryGetParam(ISyscalls sys, int fd, uint param, out ulong value)
    {
        var a = new DrmPanfrostGetParam { Param = param };
        var r = DrmIoctlHelper.Ioctl(sys, fd, PanfrostIoctls.GetParam, ref a);
        value = a.Value;
        return r;
    }

    /// <summary>igt_panfrost_get_param().</summary>
    public static ulong GetParam(ISyscalls sys, int fd, PanfrostParam param)
    {
        var a = new DrmPanfrostGetParam { Param = (uint)param };
        DrmIoctlHelper.DoIoctl(sys, fd, PanfrostIoctls.GetParam, ref a);
        return a.Value;
    }

    // ---- madvise -----------------------------------------------------------------------------------------

    public static int TryMadvise(ISyscalls sys, int fd, uint handle, uint madv, out uint retained)
    {
        var a = new DrmPanfrostMadvise { Handle = handle, Madv = madv };
        var r = DrmIoctlHelper.Ioctl(sys, fd, PanfrostIoctls.Madvise, ref a);
        retained = a.Retained;
        return r;
    }

    /// <summary>MADVISE; returns whether the BO still has its backing store.</summary>
    public static bool Madvise(ISyscalls sys, int fd, uint handle, uint madv)
    {
        var a = new DrmPanfrostMadvise { Handle = handle, Madv = madv };
        DrmIoctlHelper.DoIoctl(sys, fd, PanfrostIoctls.Madvise, ref a);
        return a.Retained != 0;
    }

    // ---- wait --------------------------------------------------------------------------------------------

    /// <summary>
    /// WAIT_BO with an absolute deadline, restarted on EINTR like drmIoctl. The kernel returns the remaining
    /// jiffies (&gt; 0) on success, so any non-negative result means idle (Mesa checks ret != -1 the same way).
    /// </summary>
    public static int TryWaitBo(ISyscalls sys, int fd, uint handle, long absTimeoutNs)
    {
        var a = new DrmPanfrostWaitBo { Handle = handle, TimeoutNs = absTimeoutNs };
        return DrmIoctlHelper.Ioctl(sys, fd, PanfrostIoctls.WaitBo, ref a);
    }

    /// <summary>WAIT_BO without the EINTR restart (igt_ioctl vs __ioctl): the caller sees -EINTR.</summary>
    public static int TryWaitBoRaw(ISyscalls sys, int fd, uint handle, long absTimeoutNs)
    {
        var a = new DrmPanfrostWaitBo { Handle = handle, TimeoutNs = absTimeoutNs };
        return DrmIoctlHelper.IoctlRaw(sys, fd, PanfrostIoctls.WaitBo, ref a);
    }

    public static void WaitBo(ISyscalls sys, int fd, uint handle, long absTimeoutNs)
    {
        var r = TryWaitBo(sys, fd, handle, absTimeoutNs);
        if (r < 0)
            throw new IgtAssertionException($"WAIT_BO of handle {handle} failed: {Errno.Name(r)}");
    }

    // ---- submit ------------------------------------------------------------------------------------------

    public static int TrySubmit(ISyscalls sys, int fd, ref DrmPanfrostSubmit args) =>
        DrmIoctlHelper.Ioctl(sys, fd, PanfrostIoctls.Submit, ref args);

    public static void Submit(ISyscalls sys, int fd, ref DrmPanfrostSubmit args) =>
        DrmIoctlHelper.DoIoctl(sys, fd, PanfrostIoctls.Submit, ref args);

    /// <summary>syncobj_wait on one syncobj with an absolute deadline: true when it signalled.</summary>
    public static bool WaitSyncobj(ISyscalls sys, int fd, uint syncobj, long absTimeoutNs) =>
        Syncobj.Wait(sys, fd, [syncobj], absTimeoutNs);

    /// <summary>check_done(): the GPU wrote DONE into the header and no fault pointer.</summary>
    public static void AssertDone(ISyscalls sys, PanfrostBo bo, ulong descOffset = 0)
    {
        var status = bo.ReadU32(sys, descOffset + PanfrostJobDesc.ExceptionStatusOffset);
        var fault = bo.ReadU64(sys, descOffset + PanfrostJobDesc.FaultPointerOffset);
        IgtCore.Assert(status == PanfrostJobDesc.StatusDone && fault == 0,
            $"job at +0x{descOffset:x} done: exception_status=0x{status:x} fault_pointer=0x{fault:x}");
    }

    internal static ulong PageAlign(ulong size) => (size + 4095) & ~4095UL;
}
