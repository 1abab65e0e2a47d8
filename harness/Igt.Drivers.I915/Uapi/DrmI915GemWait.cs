using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_wait (16): timeout_ns is relative and written back with the time remaining.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemWait
{
    public uint BoHandle;
    public uint Flags;
    public long TimeoutNs;
}
