using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_userptr (24).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemUserptr
{
    public ulong UserPtr;
    public ulong UserSize;
    public uint Flags;
    public uint Handle;
}
