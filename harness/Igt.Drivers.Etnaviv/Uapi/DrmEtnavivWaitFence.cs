using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_wait_fence (32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivWaitFence
{
    public uint Pipe;
    public uint Fence;
    public uint Flags;
    public uint Pad;
    public DrmEtnavivTimespec Timeout;
}
