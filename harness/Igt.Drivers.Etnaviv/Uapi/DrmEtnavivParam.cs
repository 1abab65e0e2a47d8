using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_param (16 bytes): GET_PARAM.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivParam
{
    public uint Pipe;
    public uint Param;
    public ulong Value;
}
