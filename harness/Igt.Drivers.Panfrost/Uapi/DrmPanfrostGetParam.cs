using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_get_param (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostGetParam
{
    /// <summary>A <see cref="PanfrostParam"/>.</summary>
    public uint Param;

    /// <summary>Must be zero.</summary>
    public uint Pad;

    public ulong Value;
}
