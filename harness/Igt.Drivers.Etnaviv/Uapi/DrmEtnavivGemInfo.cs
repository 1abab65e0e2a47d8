using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_info (16 bytes): the fake mmap offset of a BO.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemInfo
{
    public uint Handle;
    public uint Pad;
    public ulong Offset;
}
