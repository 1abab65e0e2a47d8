namespace Igt.Prime;

/// <summary>
/// Request numbers of the ioctls on a dma-buf fd (include/uapi/linux/dma-buf.h, 64-bit), written out as the
/// header's values so a wrong Ioc encoding elsewhere cannot hide here.
/// </summary>
public static class DmaBufIoctls
{
    /// <summary>DMA_BUF_IOCTL_SYNC = _IOW('b', 0, struct dma_buf_sync).</summary>
    public const uint Sync = 0x40086200;

    /// <summary>DMA_BUF_SET_NAME / DMA_BUF_SET_NAME_B = _IOW('b', 1, u64): the argument is the string's address.</summary>
    public const uint SetNameB = 0x40086201;

    /// <summary>DMA_BUF_SET_NAME_A = _IOW('b', 1, u32) (what 32-bit userspace built against old headers sends).</summary>
    public const uint SetNameA = 0x40046201;

    /// <summary>DMA_BUF_IOCTL_EXPORT_SYNC_FILE = _IOWR('b', 2, struct dma_buf_export_sync_file) (6.0+).</summary>
    public const uint ExportSyncFile = 0xc0086202;

    /// <summary>DMA_BUF_IOCTL_IMPORT_SYNC_FILE = _IOW('b', 3, struct dma_buf_import_sync_file) (6.0+).</summary>
    public const uint ImportSyncFile = 0x40086203;

    /// <summary>DMA_BUF_NAME_LEN: names are cut to 31 characters plus the terminator.</summary>
    public const int NameLen = 32;
}

