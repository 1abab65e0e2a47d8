using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_madvise (12): retained = 0 once the backing store was purged.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemMadvise
{
    public uint Handle;
    public uint Madv;
    public uint Retained;
}
