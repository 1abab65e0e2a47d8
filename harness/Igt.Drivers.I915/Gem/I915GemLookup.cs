using Igt.Drm;

namespace Igt.Drivers.I915.Gem;

/// <summary>i915_gem_object_lookup: the i915 object behind a handle (with a reference the caller drops), or null.</summary>
public static class I915GemLookup
{
    public static I915GemObject? Lookup(DrmFile file, uint handle)
    {
        var obj = file.Lookup(handle);
        if (obj is I915GemObject i915Obj)
            return i915Obj;
        // Foreign imports carry no i915 state; the i915 ioctls treat them as unknown handles.
        obj?.Put();
        return null;
    }
}
