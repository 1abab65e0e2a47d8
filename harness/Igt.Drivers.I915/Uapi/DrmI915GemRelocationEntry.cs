using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_relocation_entry (32).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemRelocationEntry
{
    public uint TargetHandle;
    public uint Delta;
    public ulong Offset;
    public ulong PresumedOffset;
    public uint ReadDomains;
    public uint WriteDomain;

    /// <summary>Byte offset of <see cref="PresumedOffset"/> inside the struct.</summary>
    public const int OffsetOfPresumedOffset = 16;
}
