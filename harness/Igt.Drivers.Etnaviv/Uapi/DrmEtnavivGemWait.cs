using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_gem_wait (32 bytes): wait until the GPU is done with a BO.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivGemWait
{
    public uint Pipe;
    public uint Handle;
    public uint Flags;
    public uint Pad;
    public DrmEtnavivTimespec Timeout;
}
