using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_cpu_fini (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemCpuFini
{
    public uint Handle;
    public uint Flags;
}
