using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;
using Igt.Kernel.Sync;

namespace Igt.Drivers.Etnaviv;

/// <summary>GEM_NEW, GEM_INFO, GEM_CPU_PREP, GEM_CPU_FINI, GEM_USERPTR, GEM_WAIT.</summary>
public sealed partial class EtnavivDriver
{
    private static int GemNew(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        var priv = PrivOf(dev);
        ref var a = ref UapiStruct.As<DrmEtnavivGemNew>(data);
        if ((a.Flags & ~(EtnavivIoctls.BoCached | EtnavivIoctls.BoWc | EtnavivIoctls.BoUncached | EtnavivIoctls.BoForceMmu)) != 0)
            return -Errno.EINVAL;
        // etnaviv_gem_new_handle() takes a u32 size and page-aligns it in 32 bits; there is no minimum.
        var size = unchecked(((uint)a.Size + 4095u) & ~4095u);
        var cache = a.Flags & EtnavivIoctls.BoCacheMask;
        if (cache != EtnavivIoctls.BoCached && cache != EtnavivIoctls.BoWc && cache != EtnavivIoctls.BoUncached)
        {
            dev.DevErr($"invalid cache flag: {cache:x}");
            return -Errno.EINVAL;
        }
        var obj = new EtnavivGem(priv, size, a.Flags);
        var err = file.HandleCreate(obj, out var handle);
        obj.Put();
        if (err != 0)
            return err;
        a.Handle = handle;
        return 0;
    }

    private static int GemInfo(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivGemInfo>(data);
        if (a.Pad != 0)
            return -Errno.EINVAL;
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            // drm_gem_create_mmap_offset(): drm_mm refuses a node of zero pages.
            if (obj.Size == 0)
            {
                dev.DevErr("could not allocate mmap offset");
                return -Errno.ENOSPC;
            }
            a.Offset = dev.VmaOffsets.Add(obj) << PageAllocator.PageShift;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    /// <summary>
    /// etnaviv_gem_cpu_prep(): wait (absolute deadline, interruptibly) until the GPU is done with the BO for the
    /// given access; NOSYNC only asks. Unlike the real driver it does not allocate the BO's pages here, so pages
    /// still come only when the CPU or the GPU touches them.
    /// </summary>
    private static int GemCpuPrep(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivGemCpuPrep>(data);
        if ((a.Op & ~(EtnavivIoctls.PrepRead | EtnavivIoctls.PrepWrite | EtnavivIoctls.PrepNoSync)) != 0)
            return -Errno.EINVAL;
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            var write = (a.Op & EtnavivIoctls.PrepWrite) != 0;
            var usage = write ? DmaResvUsage.Read : DmaResvUsage.Write;
            if ((a.Op & EtnavivIoctls.PrepNoSync) != 0)
            {
                if (!obj.Resv.TestSignaled(usage))
                    return -Errno.EBUSY;
            }
            else
            {
                var r = obj.Resv.Wait(usage, interruptible: true, TimeoutToNs(a.Timeout));
                if (r <= 0)
                    return r == 0 ? -Errno.ETIMEDOUT : (int)r;
            }
            if (obj is EtnavivGem { IsCached: true } e)
            {
                e.SyncForCpu(a.Op);
                e.LastCpuPrepOp = a.Op;
            }
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    private static int GemCpuFini(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivGemCpuFini>(data);
        if (a.Flags != 0)
            return -Errno.EINVAL;
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        if (obj is EtnavivGem { IsCached: true } e)
        {
            // "fini without a prep is almost certainly a userspace error"
            if (e.LastCpuPrepOp == 0)
                dev.Machine.Report.Warn("etnaviv_gem_cpu_fini", null, TaskStruct.Current?.Pid ?? 0, TaskStruct.Current?.Comm ?? "");
            e.SyncForDevice(e.LastCpuPrepOp);
            e.LastCpuPrepOp = 0;
        }
        obj.Put();
        return 0;
    }

    private static int GemUserptr(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivGemUserptr>(data);
        if ((a.Flags & ~(EtnavivIoctls.UserptrRead | EtnavivIoctls.UserptrWrite)) != 0 || a.Flags == 0)
            return -Errno.EINVAL;
        if (((a.UserPtr | a.UserSize) & (PageAllocator.PageSize - 1)) != 0 || a.UserSize > uint.MaxValue)
            return -Errno.EINVAL;
        if (!MmStruct.AccessOk(a.UserPtr, a.UserSize))
            return -Errno.EFAULT;
        var task = TaskStruct.Current ?? file.Owner;
        var obj = new EtnavivGemUserptr(PrivOf(dev), task.Mm, a.UserPtr, a.UserSize,
            readOnly: (a.Flags & EtnavivIoctls.UserptrWrite) == 0);
        var err = file.HandleCreate(obj, out var handle);
        obj.Put();
        if (err != 0)
            return err;
        a.Handle = handle;
        return 0;
    }

    private static int GemWait(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivGemWait>(data);
        if ((a.Flags & ~EtnavivIoctls.WaitNonblock) != 0)
            return -Errno.EINVAL;
        var err = GpuOf(dev, a.Pipe, out var gpu);
        if (err != 0)
            return err;
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            if (obj is not EtnavivGem e)
                return 0;
            if ((a.Flags & EtnavivIoctls.WaitNonblock) != 0)
                return e.GpuActive == 0 ? 0 : -Errno.EBUSY;
            var r = gpu!.FenceEvent.WaitEvent(() => e.GpuActive == 0, TimeoutToNs(a.Timeout), interruptible: true);
            return r > 0 ? 0 : r == -Errno.ERESTARTSYS ? (int)r : -Errno.ETIMEDOUT;
        }
        finally
        {
            obj.Put();
        }
    }

    /// <summary>etnaviv_timeout_to_jiffies(): time left until an absolute CLOCK_MONOTONIC deadline, 0 once past.</summary>
    internal static long TimeoutToNs(DrmEtnavivTimespec t) => KernelTime.UntilDeadline(t.ToNs());

    /// <summary>The pipe checks every ioctl with a pipe makes: -EINVAL beyond ETNA_MAX_PIPES, -ENXIO without a core.</summary>
    internal static int GpuOf(DrmDevice dev, uint pipe, out EtnavivGpu? gpu)
    {
        gpu = null;
        if (pipe >= EtnavivIoctls.MaxPipes)
            return -Errno.EINVAL;
        gpu = PrivOf(dev).Gpus[pipe];
        return gpu is null ? -Errno.ENXIO : 0;
    }
}
