using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct drm_i915_gem_execbuffer2 (64). rsvd1 is the context id, rsvd2 carries fence fds (in: low, out: high).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmI915GemExecbuffer2
{
    public ulong BuffersPtr;
    public uint BufferCount;
    public uint BatchStartOffset;
    public uint BatchLen;
    public uint DR1;
    public uint DR4;
    public uint NumCliprects;
    public ulong CliprectsPtr;
    public ulong Flags;
    public ulong Rsvd1;
    public ulong Rsvd2;
}
