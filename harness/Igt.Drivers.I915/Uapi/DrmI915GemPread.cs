using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_pread (32); drm_i915_gem_pwrite has the same layout.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemPread
{
    public uint Handle;
    public uint Pad;
    public ulong Offset;
    public ulong Size;
    public ulong DataPtr;
}
