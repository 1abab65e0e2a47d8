using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_getparam (16): the kernel writes an int through <see cref="Value"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915Getparam
{
    public int Param;
    public int Pad;
    public ulong Value;
}
