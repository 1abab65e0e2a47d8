using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_busy (8): high 16 bits readers (1 &lt;&lt; (16 + class)), low 16 bits writer class + 1.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemBusy
{
    public uint Handle;
    public uint Busy;
}
