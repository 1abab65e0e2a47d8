namespace Igt.Prime;

/// <summary>dma_buf_sync.flags (include/uapi/linux/dma-buf.h): a direction (READ/WRITE/RW) with START or END.</summary>
[Flags]
public enum DmaBufSyncFlags : ulong
{
    Start = 0,
    Read = 1,
    Write = 2,
    Rw = Read | Write,
    End = 4,

    /// <summary>DMA_BUF_SYNC_VALID_FLAGS_MASK: any other bit is -EINVAL.</summary>
    ValidMask = Rw | End,
}
