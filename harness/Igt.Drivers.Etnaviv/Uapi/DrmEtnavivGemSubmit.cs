using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_submit (72 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemSubmit
{
    /// <summary>out: the per-GPU fence id for WAIT_FENCE.</summary>
    public uint Fence;
    public uint Pipe;
    public uint ExecState;
    public uint NrBos;
    public uint NrRelocs;
    /// <summary>Stream size in bytes (multiple of 4).</summary>
    public uint StreamSize;
    public ulong Bos;
    public ulong Relocs;
    public ulong Stream;
    public uint Flags;
    /// <summary>in: sync_file to wait for (FENCE_FD_IN); out: sync_file of the job (FENCE_FD_OUT) or -1.</summary>
    public int FenceFd;
    public ulong Pmrs;
    public uint NrPmrs;
    public uint Pad;
}
