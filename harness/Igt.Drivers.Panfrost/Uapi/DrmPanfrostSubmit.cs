using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_submit (40 bytes; newest kernels append jm_ctx_handle and pad, zero-extended here).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostSubmit
{
    /// <summary>GPU VA of the first job descriptor of the chain.</summary>
    public ulong Jc;

    /// <summary>User pointer to an array of syncobj handles to wait on.</summary>
    public ulong InSyncs;

    public uint InSyncCount;

    /// <summary>Syncobj to receive the job's done fence (0 = none).</summary>
    public uint OutSync;

    /// <summary>User pointer to an array of GEM handles the job uses.</summary>
    public ulong BoHandles;

    public uint BoHandleCount;

    /// <summary>PANFROST_JD_REQ_* bits.</summary>
    public uint Requirements;
}
