using System.Runtime.InteropServices;

namespace Igt.Prime;

/// <summary>struct dma_buf_sync { __u64 flags; }.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DmaBufSyncArg
{
    public ulong Flags;
}
