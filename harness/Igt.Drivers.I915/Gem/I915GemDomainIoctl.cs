using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>GEM_SET_DOMAIN and GEM_SW_FINISH (i915_gem_domain.c).</summary>
public static class I915GemDomainIoctl
{
    public static int SetDomain(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemSetDomain>(data);
        var read = a.ReadDomains;
        var write = a.WriteDomain;
        // Only CPU-side domains; a write domain implies it is the only read domain.
        if (((read | write) & I915GemDomain.GpuDomains) != 0)
            return -Errno.EINVAL;
        if (write != 0 && read != write)
            return -Errno.EINVAL;
        if (read == 0)
            return 0;
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            // Mesa and the DDX probe a userptr's pages with set-domain: grab them now.
            if (obj is I915UserptrObject uptr)
            {
                var err = uptr.SubmitInit(TaskStruct.Current);
                if (err != 0)
                    return err;
                return WaitFor(obj, write != 0);
            }
            if (obj.Purged || obj.Madv != (int)I915Madv.WillNeed)
                return -Errno.EFAULT;
            var w = WaitFor(obj, write != 0);
            if (w != 0)
                return w;
            obj.ReadDomains |= read;
            if (write != 0)
            {
                obj.ReadDomains = write;
                obj.WriteDomain = write;
            }
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    public static int SwFinish(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemSwFinish>(data);
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        obj.Put();
        return 0;
    }

    /// <summary>A reader waits for the GPU's writes; a writer for every use.</summary>
    private static int WaitFor(I915GemObject obj, bool write)
    {
        var usage = write ? Igt.Drm.Fences.DmaResvUsage.Read : Igt.Drm.Fences.DmaResvUsage.Write;
        var r = obj.Resv.Wait(usage, interruptible: true);
        return r < 0 ? (int)r : 0;
    }
}
