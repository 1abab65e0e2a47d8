using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_new (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemNew
{
    public ulong Size;
    public uint Flags;
    public uint Handle;
}
