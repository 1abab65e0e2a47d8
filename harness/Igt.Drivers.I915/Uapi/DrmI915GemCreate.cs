using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_create (16): size is rounded up to a page and written back.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemCreate
{
    public ulong Size;
    public uint Handle;
    public uint Pad;
}
