using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_mmap_gtt (16): MMAP_OFFSET with flags GTT, in its original size.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemMmapGtt
{
    public uint Handle;
    public uint Pad;
    public ulong Offset;
}
