using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_madvise (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostMadvise
{
    public uint Handle;

    /// <summary>PANFROST_MADV_WILLNEED (0) or PANFROST_MADV_DONTNEED (1); other values are stored unchecked.</summary>
    public uint Madv;

    /// <summary>Out: 1 while the BO still has its backing store, 0 once it was purged.</summary>
    public uint Retained;
}
