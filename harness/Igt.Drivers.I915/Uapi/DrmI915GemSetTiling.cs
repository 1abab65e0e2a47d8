using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_set_tiling (16).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemSetTiling
{
    public uint Handle;
    public uint TilingMode;
    public uint Stride;
    public uint SwizzleMode;
}
