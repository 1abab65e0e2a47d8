using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_set_domain (12).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemSetDomain
{
    public uint Handle;
    public uint ReadDomains;
    public uint WriteDomain;
}
