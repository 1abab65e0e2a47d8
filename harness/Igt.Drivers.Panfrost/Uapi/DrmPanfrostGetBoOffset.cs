using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_get_bo_offset (16 bytes). The driver does not check pad.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostGetBoOffset
{
    public uint Handle;

    public uint Pad;

    /// <summary>Out: the GPU VA of the BO in the caller's address space.</summary>
    public ulong Offset;
}
