using System.Runtime.InteropServices;
using Igt.Drm.Uapi;

namespace Igt.Drm.Prime;

/// <summary>struct dma_buf_sync and the dma-buf ioctl numbers (include/uapi/linux/dma-buf.h).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DmaBufSync
{
    public ulong Flags;

    public const ulong Read = 1;
    public const ulong Write = 2;
    public const ulong Rw = Read | Write;
    public const ulong Start = 0;
    public const ulong End = 4;
    public const ulong ValidFlagsMask = Rw | End;

    public static readonly uint IoctlSync = Ioc.IOW((uint)'b', 0, 8);
    public static readonly uint IoctlSetNameB = Ioc.IOW((uint)'b', 1, 8);
    public static readonly uint IoctlSetNameA = Ioc.IOW((uint)'b', 1, 4);
}
