using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.I915.Gem;

/// <summary>GEM_SET_CACHING / GEM_GET_CACHING (i915_gem_domain.c).</summary>
public static class I915GemCaching
{
    public static int Set(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemCaching>(data);
        var i915 = I915Private.From(dev);
        uint level;
        switch (a.Caching)
        {
            case I915Caching.None:
                level = I915Caching.None;
                break;
            case I915Caching.Cached:
                level = I915Caching.Cached; // LLC everywhere we emulate
                break;
            case I915Caching.Display:
                level = i915.Platform.GraphicsVersion >= 9 ? I915Caching.Display : I915Caching.None;
                break;
            default:
                return -Errno.EINVAL;
        }
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            // Proxies (userptr) are always snooped; "cached" is silently accepted (the vulkan driver sets it).
            if (obj.IsUserptr)
                return a.Caching == I915Caching.Cached ? 0 : -Errno.ENXIO;
            if (obj.CacheLevel == level)
                return 0;
            var w = obj.WaitIdle(interruptible: true);
            if (w != 0)
                return (int)w;
            obj.CacheLevel = level;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    public static int Get(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemCaching>(data);
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        a.Caching = obj.CacheLevel;
        obj.Put();
        return 0;
    }
}
