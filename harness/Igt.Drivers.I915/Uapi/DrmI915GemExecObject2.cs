using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_exec_object2 (56). offset is in for PINNED, and always out (canonical GPU VA).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemExecObject2
{
    public uint Handle;
    public uint RelocationCount;
    public ulong RelocsPtr;
    public ulong Alignment;
    public ulong Offset;
    public ulong Flags;
    public ulong Rsvd1;
    public ulong Rsvd2;

    /// <summary>Byte offset of <see cref="Offset"/> inside the struct (for writing it back to userspace).</summary>
    public const int OffsetOfOffset = 24;
}
