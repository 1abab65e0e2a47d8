using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_create_bo (24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostCreateBo
{
    public uint Size;

    /// <summary>PANFROST_BO_NOEXEC, PANFROST_BO_HEAP.</summary>
    public uint Flags;

    /// <summary>Out: the GEM handle.</summary>
    public uint Handle;

    /// <summary>Must be zero.</summary>
    public uint Pad;

    /// <summary>Out: the GPU VA of the BO in the caller's address space (never 0).</summary>
    public ulong Offset;
}
