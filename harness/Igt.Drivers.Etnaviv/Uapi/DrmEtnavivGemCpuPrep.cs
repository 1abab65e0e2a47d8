using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_cpu_prep (24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemCpuPrep
{
    public uint Handle;
    public uint Op;
    public DrmEtnavivTimespec Timeout;
}
