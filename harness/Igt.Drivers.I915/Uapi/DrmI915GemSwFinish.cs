using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_sw_finish (4).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemSwFinish
{
    public uint Handle;
}
