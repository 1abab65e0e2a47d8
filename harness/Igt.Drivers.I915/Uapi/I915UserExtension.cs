using System.Runtime.InteropServices;

namespace Igt.Drivers.I915.Uapi;

/// <summary>struct i915_user_extension (16 + 16 reserved): a link of an ioctl's extension chain.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct I915UserExtension
{
    public ulong NextExtension;
    public uint Name;
    public uint Flags;
    public uint Rsvd0;
    public uint Rsvd1;
    public uint Rsvd2;
    public uint Rsvd3;
}
