using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_mmap_offset (32): a fake offset for mmap() on the DRM fd, per mmap type.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemMmapOffset
{
    public uint Handle;
    public uint Pad;
    public ulong Offset;
    public ulong Flags;
    public ulong Extensions;
}
