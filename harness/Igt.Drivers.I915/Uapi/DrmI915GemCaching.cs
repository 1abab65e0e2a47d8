using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_caching (8), for SET_CACHING and GET_CACHING.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemCaching
{
    public uint Handle;
    public uint Caching;
}
