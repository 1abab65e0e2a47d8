using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_mmap_bo (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostMmapBo
{
    public uint Handle;

    /// <summary>Must be zero.</summary>
    public uint Flags;

    /// <summary>Out: the fake offset to pass to mmap() on the DRM fd.</summary>
    public ulong Offset;
}
