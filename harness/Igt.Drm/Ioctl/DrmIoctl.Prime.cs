using Igt.Drm.Gem;
using Igt.Drm.Prime;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Fault;
using Igt.Kernel.Process;

namespace Igt.Drm.Ioctl;

/// <summary>PRIME_HANDLE_TO_FD and PRIME_FD_TO_HANDLE (drm_prime.c).</summary>
public static partial class DrmIoctl
{
    private static int PrimeHandleToFd(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPrimeHandle>(data);
        if ((a.Flags & ~(DrmIoctls.DrmCloexec | DrmIoctls.DrmRdwr)) != 0)
            return -Errno.EINVAL;
        var task = TaskStruct.Current ?? file.Owner;
        var err = HandleToFd(dev, file, task, a.Handle, out var fd, (a.Flags & DrmIoctls.DrmRdwr) != 0 ? OpenFlags.ReadWrite : OpenFlags.ReadOnly);
        if (err != 0)
            return err;
        a.Fd = fd;
        return 0;
    }

    /// <summary>drm_gem_prime_handle_to_fd(): reuses the object's dma-buf if it has one; the fd takes a reference.</summary>
    public static int HandleToFd(DrmDevice dev, DrmFile file, TaskStruct task, uint handle, out int fd, OpenFlags mode = OpenFlags.ReadWrite)
    {
        fd = -1;
        var obj = file.Lookup(handle);
        if (obj is null)
            return -Errno.ENOENT;
        dev.Machine.Faults.MaybeDelay(FaultSites.PrimeHandleToFd);
        try
        {
            DmaBuf buf;
            lock (obj.Lock)
            {
                if (obj.DmaBuf is { } existing)
                {
                    buf = existing;
                }
                else
                {
                    // export_and_register_object: a GEM_CLOSE that raced us may have dropped the last handle, and with
                    // it the export reference; an export now would be held by nobody ("prevent races with concurrent
                    // gem_close"). The handle count and obj.DmaBuf change under this lock (DropExportReference).
                    if (obj.HandleCount == 0)
                        return -Errno.ENOENT;
                    // The first export fixes the file's access mode; later exports reuse the cached dma-buf.
                    var err = dev.Driver is IPrimeExporter exporter ? exporter.Export(obj, mode, out var made) : DefaultExport(obj, mode, out made);
                    if (err != 0)
                        return err;
                    buf = made!;
                    obj.DmaBuf = buf; // the object keeps the creation reference while it has handles
                }
                buf.Get();
            }
            var r = task.Files.Install(buf);
            if (r < 0)
            {
                buf.Put();
                return r;
            }
            file.PrimeAdd(buf, handle);
            fd = r;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    private static int DefaultExport(GemObject obj, OpenFlags mode, out DmaBuf? buf)
    {
        buf = new GemDmaBuf(obj) { Flags = mode };
        return 0;
    }

    private static int PrimeFdToHandle(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPrimeHandle>(data);
        var task = TaskStruct.Current ?? file.Owner;
        var err = FdToHandle(dev, file, task, a.Fd, out var handle);
        if (err == 0)
            a.Handle = handle;
        return err;
    }

    /// <summary>
    /// drm_gem_prime_fd_to_handle(): a buffer this file already knows gives the same handle; a buffer of this device
    /// gives its own GEM object (self-import); anything else goes through the driver's import.
    /// </summary>
    public static int FdToHandle(DrmDevice dev, DrmFile file, TaskStruct task, int fd, out uint handle)
    {
        handle = 0;
        var f = task.Files.Get(fd);
        if (f is null)
            return -Errno.EBADF;
        try
        {
            if (f is not DmaBuf buf)
                return -Errno.EINVAL;
            if (file.TryPrimeLookup(buf, out handle))
                return 0;

            GemObject? obj;
            if (buf is GemDmaBuf gbuf && ReferenceEquals(gbuf.Exporter, dev))
            {
                obj = gbuf.Obj;
                obj.Get();
            }
            else
            {
                var err = dev.Driver.GemPrimeImport(dev, buf, out obj);
                if (err != 0)
                    return err;
            }
            try
            {
                // The object takes its dma-buf before the handle is published (a GEM_CLOSE guessing the new handle
                // must find the export reference there to drop). Like the kernel, a buffer not in this file's prime
                // cache gets a new handle even if the object already has one here (e.g. from GEM_OPEN).
                lock (obj!.Lock)
                {
                    if (obj.DmaBuf is null)
                    {
                        buf.Get();
                        obj.DmaBuf = buf;
                    }
                }
                var herr = file.HandleCreate(obj, out handle);
                if (herr != 0)
                {
                    if (obj.HandleCount == 0)
                        obj.DropExportReference();
                    return herr;
                }
                file.PrimeAdd(buf, handle);
                return 0;
            }
            finally
            {
                obj!.Put();
            }
        }
        finally
        {
            f.Put();
        }
    }
}
