using System.Runtime.InteropServices;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>struct drm_panfrost_wait_bo (16 bytes). The timeout is an absolute CLOCK_MONOTONIC time in ns.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmPanfrostWaitBo
{
    public uint Handle;

    public uint Pad;

    public long TimeoutNs;
}
