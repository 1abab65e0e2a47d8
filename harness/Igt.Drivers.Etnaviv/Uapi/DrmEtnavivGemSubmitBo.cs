using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_submit_bo (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemSubmitBo
{
    public uint Flags;
    public uint Handle;
    /// <summary>With ETNA_SUBMIT_SOFTPIN: the GPU address the BO must have.</summary>
    public ulong Presumed;
}
