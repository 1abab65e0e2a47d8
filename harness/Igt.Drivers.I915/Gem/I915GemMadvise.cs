using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// GEM_MADVISE (i915_gem.c): DONTNEED lets the shrinker purge the object; an object with no pages is truncated
/// at once. retained reports whether the backing store still exists (purged objects stay purged).
/// </summary>
public static class I915GemMadvise
{
    public static int Ioctl(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemMadvise>(data);
        if (a.Madv is not (I915Madv.WillNeed or I915Madv.DontNeed))
            return -Errno.EINVAL;
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            lock (obj.Lock)
            {
                if (!obj.Purged)
                    obj.Madv = (int)a.Madv;
                // if the object has no pages (nor swap), there is nothing to keep: discard now
                if (obj.HasShmem && obj.Madv == (int)I915Madv.DontNeed && obj.ResidentPages == 0 && obj.SwappedPages == 0)
                    obj.Purge();
                a.Retained = obj.Purged ? 0u : 1u;
            }
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }
}
