using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_get_tiling (16).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemGetTiling
{
    public uint Handle;
    public uint TilingMode;
    public uint SwizzleMode;
    public uint PhysSwizzleMode;
}
