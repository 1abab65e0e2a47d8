using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_submit_pmr (20 bytes): a performance-monitor sample request.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemSubmitPmr
{
    public uint Flags;
    public byte Domain;
    public byte Pad;
    public ushort Signal;
    public uint Sequence;
    public uint ReadOffset;
    public uint ReadIdx;
}
