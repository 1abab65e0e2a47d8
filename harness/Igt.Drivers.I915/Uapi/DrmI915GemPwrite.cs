using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_pwrite (32).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemPwrite
{
    public uint Handle;
    public uint Pad;
    public ulong Offset;
    public ulong Size;
    public ulong DataPtr;
}
