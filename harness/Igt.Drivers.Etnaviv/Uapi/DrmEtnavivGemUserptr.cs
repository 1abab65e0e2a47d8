using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_userptr (24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemUserptr
{
    public ulong UserPtr;
    public ulong UserSize;
    public uint Flags;
    public uint Handle;
}
