using System.Runtime.InteropServices;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Sync;

namespace Igt.Drm.Ioctl;

/// <summary>The syncobj ioctls (drm_syncobj.c). Drivers without DRIVER_SYNCOBJ get -EOPNOTSUPP.</summary>
public static partial class DrmIoctl
{
    private const int MaxSyncobjWait = 1 << 16;

    private static bool HasSyncobj(DrmDevice dev) => (dev.Driver.Features & DriverFeatures.Syncobj) != 0;

    private static int SyncobjCreate(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        if (!HasSyncobj(dev))
            return -Errno.EOPNOTSUPP;
        ref var a = ref UapiStruct.As<DrmSyncobjCreate>(data);
        if ((a.Flags & ~DrmIoctls.SyncobjCreateSignaled) != 0)
            return -Errno.EINVAL;
        var s = new DrmSyncobj();
        if ((a.Flags & DrmIoctls.SyncobjCreateSignaled) != 0)
            s.ReplaceFence(DmaFence.Stub());
        a.Handle = file.SyncobjCreate(s);
        return 0;
    }

    private static int SyncobjDestroy(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        if (!HasSyncobj(dev))
            return -Errno.EOPNOTSUPP;
        ref var a = ref UapiStruct.As<DrmSyncobjDestroy>(data);
        if (a.Pad != 0)
            return -Errno.EINVAL;
        return file.SyncobjDestroy(a.Handle) ? 0 : -Errno.EINVAL;
    }

    private static int SyncobjHandleToFd(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        if (!HasSyncobj(dev))
            return -Errno.EOPNOTSUPP;
        ref var a = ref UapiStruct.As<DrmSyncobjHandle>(data);
        if (a.Pad != 0 || (a.Flags & ~DrmIoctls.SyncobjHandleToFdFlagsExportSyncFile) != 0)
            return -Errno.EINVAL;
        var s = file.SyncobjFind(a.Handle);
        if (s is null)
            return -Errno.ENOENT;
        var task = TaskStruct.Current ?? file.Owner;
        KFile f;
        if ((a.Flags & DrmIoctls.SyncobjHandleToFdFlagsExportSyncFile) != 0)
        {
            if (s.Fence is not { } fence)
                return -Errno.EINVAL;
            f = new SyncFile(fence);
        }
        else
        {
            f = new SyncobjFile(s);
        }
        var fd = task.Files.Install(f);
        if (fd < 0)
            return fd;
        a.Fd = fd;
        return 0;
    }

    private static int SyncobjFdToHandle(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        if (!HasSyncobj(dev))
            return -Errno.EOPNOTSUPP;
        ref var a = ref UapiStruct.As<DrmSyncobjHandle>(data);
        if (a.Pad != 0 || (a.Flags & ~DrmIoctls.SyncobjFdToHandleFlagsImportSyncFile) != 0)
            return -Errno.EINVAL;
        var task = TaskStruct.Current ?? file.Owner;
        var f = task.Files.Get(a.Fd);
        if (f is null)
            return -Errno.EINVAL;
        try
        {
            if ((a.Flags & DrmIoctls.SyncobjFdToHandleFlagsImportSyncFile) != 0)
            {
                if (f is not SyncFile sf)
                    return -Errno.EINVAL;
                var s = file.SyncobjFind(a.Handle);
                if (s is null)
                    return -Errno.ENOENT;
                s.ReplaceFence(sf.Fence);
                return 0;
            }
            if (f is not SyncobjFile so)
                return -Errno.EINVAL;
            a.Handle = file.SyncobjCreate(so.Syncobj);
            return 0;
        }
        finally
        {
            f.Put();
        }
    }

    private static int SyncobjWait(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        if (!HasSyncobj(dev))
            return -Errno.EOPNOTSUPP;
        ref var a = ref UapiStruct.As<DrmSyncobjWait>(data);
        const uint valid = DrmIoctls.SyncobjWaitFlagsWaitAll | DrmIoctls.SyncobjWaitFlagsWaitForSubmit
            | DrmIoctls.SyncobjWaitFlagsWaitAvailable | DrmIoctls.SyncobjWaitFlagsWaitDeadline;
        if ((a.Flags & ~valid) != 0 || a.CountHandles == 0)
            return -Errno.EINVAL;
        if (a.CountHandles > MaxSyncobjWait)
            return -Errno.EINVAL;
        var err = LookupSyncobjs(file, a.Handles, a.CountHandles, out var objs);
        if (err != 0)
            return err;

        var waitAll = (a.Flags & DrmIoctls.SyncobjWaitFlagsWaitAll) != 0;
        var forSubmit = (a.Flags & DrmIoctls.SyncobjWaitFlagsWaitForSubmit) != 0;
        if (!forSubmit && objs.Any(o => o.Fence is null))
            return -Errno.EINVAL;

        // Absolute CLOCK_MONOTONIC timeout: a restart after a signal keeps the same deadline.
        var timeout = KernelTime.UntilDeadline(a.TimeoutNsec);
        var wq = new WaitQueue();
        foreach (var o in objs)
            o.Fence?.AddCallback(_ => wq.WakeUpAll());
        var first = -1;
        var r = wq.WaitEvent(() =>
        {
            if (waitAll)
                return objs.All(o => o.Fence is { IsSignaled: true });
            for (var i = 0; i < objs.Count; i++)
            {
                if (objs[i].Fence is { IsSignaled: true })
                {
                    first = i;
                    return true;
                }
            }
            return false;
        }, timeout, interruptible: true);
        if (r < 0)
            return (int)r;
        if (r == 0)
            return -Errno.ETIME;
        a.FirstSignaled = waitAll ? 0 : (uint)Math.Max(first, 0);
        return 0;
    }

    private static int SyncobjReset(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        if (!HasSyncobj(dev))
            return -Errno.EOPNOTSUPP;
        ref var a = ref UapiStruct.As<DrmSyncobjArray>(data);
        if (a.Pad != 0 || a.CountHandles == 0)
            return -Errno.EINVAL;
        var err = LookupSyncobjs(file, a.Handles, a.CountHandles, out var objs);
        if (err != 0)
            return err;
        foreach (var o in objs)
            o.ReplaceFence(null);
        return 0;
    }

    private static int SyncobjSignal(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        if (!HasSyncobj(dev))
            return -Errno.EOPNOTSUPP;
        ref var a = ref UapiStruct.As<DrmSyncobjArray>(data);
        if (a.Pad != 0 || a.CountHandles == 0)
            return -Errno.EINVAL;
        var err = LookupSyncobjs(file, a.Handles, a.CountHandles, out var objs);
        if (err != 0)
            return err;
        foreach (var o in objs)
            o.ReplaceFence(DmaFence.Stub());
        return 0;
    }

    /// <summary>KMALLOC_MAX_SIZE with 4 KiB pages and MAX_PAGE_ORDER 10.</summary>
    private const ulong KmallocMaxSize = 4UL << 20;

    private static int LookupSyncobjs(DrmFile file, ulong ptr, uint count, out List<DrmSyncobj> objs)
    {
        objs = new List<DrmSyncobj>();
        var task = TaskStruct.Current ?? file.Owner;
        // kmalloc_array(count, 4): a count past what kmalloc can give fails with -ENOMEM (count * 4 must not
        // overflow here: reset/signal take any u32 count).
        var bytes = (ulong)count * 4;
        if (bytes > KmallocMaxSize)
            return -Errno.ENOMEM;
        var raw = new byte[bytes];
        if (task.Mm.CopyFromUser(raw, ptr) != 0)
            return -Errno.EFAULT;
        foreach (var h in MemoryMarshal.Cast<byte, uint>(raw))
        {
            var s = file.SyncobjFind(h);
            if (s is null)
                return -Errno.ENOENT;
            objs.Add(s);
        }
        return 0;
    }
}
