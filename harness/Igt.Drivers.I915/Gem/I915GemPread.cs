using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// GEM_PREAD / GEM_PWRITE (i915_gem.c, shmem path): copy between user memory and the object's pages after
/// waiting for the GPU. Purgeable objects give -EFAULT, read-only ones refuse writes, and since the 5.13
/// userptr rework userptr objects refuse both (-EINVAL).
/// </summary>
public static class I915GemPread
{
    public static int Pread(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemPread>(data);
        return Copy(dev, file, a.Handle, a.Offset, a.Size, a.DataPtr, write: false);
    }

    public static int Pwrite(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemPwrite>(data);
        return Copy(dev, file, a.Handle, a.Offset, a.Size, a.DataPtr, write: true);
    }

    private static int Copy(DrmDevice dev, DrmFile file, uint handle, ulong offset, ulong size, ulong user, bool write)
    {
        if (size == 0)
            return 0;
        if (!MmStruct.AccessOk(user, size))
            return -Errno.EFAULT;
        var i915 = I915Private.From(dev);
        var task = TaskStruct.Current ?? file.Owner;
        var obj = I915GemLookup.Lookup(file, handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            if (offset >= obj.Size || size > obj.Size - offset)
                return -Errno.EINVAL;
            if (write && obj.ReadOnly)
                return -Errno.EINVAL;
            if (obj is I915UserptrObject uptr)
            {
                if (!i915.LegacyUserptr)
                    return -Errno.EINVAL; // "pread/pwrite to userptr no longer allowed"
                var e = uptr.SubmitInit(task);
                if (e != 0)
                    return e;
            }
            else if (obj.Purged || obj.Madv != (int)I915Madv.WillNeed)
            {
                return -Errno.EFAULT;
            }
            var w = obj.Resv.Wait(write ? DmaResvUsage.Read : DmaResvUsage.Write, interruptible: true);
            if (w < 0)
                return (int)w;
            var buf = new byte[size];
            if (write && task.Mm.CopyFromUser(buf, user) != 0)
                return -Errno.EFAULT;
            // i915_gem_object_pin_pages: the shrinker must not take the pages while we copy through them.
            var err = obj.PinPages();
            if (err != 0)
                return err;
            try
            {
                err = write
                    ? obj.WriteKernel(offset, buf, "i915_gem_shmem_pwrite")
                    : obj.ReadKernel(offset, buf, "i915_gem_shmem_pread");
            }
            finally
            {
                obj.UnpinPages();
            }
            if (err != 0 || write)
                return err;
            return task.Mm.CopyToUser(user, buf) == 0 ? 0 : -Errno.EFAULT;
        }
        finally
        {
            obj.Put();
        }
    }
}
