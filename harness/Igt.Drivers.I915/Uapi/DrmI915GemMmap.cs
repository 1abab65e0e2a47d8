using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_mmap (40): the legacy CPU mmap; the kernel maps and returns <see cref="AddrPtr"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemMmap
{
    public uint Handle;
    public uint Pad;
    public ulong Offset;
    public ulong Size;
    public ulong AddrPtr;
    public ulong Flags;
}
