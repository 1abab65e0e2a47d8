namespace Igt.Drm.Uapi;

/// <summary>Core DRM ioctl request numbers (DRM_IOCTL_*), computed from the struct sizes like drm.h does.</summary>
public static class DrmIoctls
{
    public static readonly uint Version = Ioc.DrmIOWR<DrmVersion>(0x00);
    public static readonly uint GetMagic = Ioc.DrmIOR<DrmAuth>(0x02);
    public static readonly uint SetVersion = Ioc.DrmIOWR<DrmSetVersion>(0x07);
    public static readonly uint GemClose = Ioc.DrmIOW<DrmGemClose>(0x09);
    public static readonly uint GemFlink = Ioc.DrmIOWR<DrmGemFlink>(0x0A);
    public static readonly uint GemOpen = Ioc.DrmIOWR<DrmGemOpen>(0x0B);
    public static readonly uint GetCap = Ioc.DrmIOWR<DrmGetCap>(0x0C);
    public static readonly uint SetClientCap = Ioc.DrmIOW<DrmSetClientCap>(0x0D);
    public static readonly uint AuthMagic = Ioc.DrmIOW<DrmAuth>(0x11);

    /// <summary>DRM_IOW(0x3f, struct drm_update_draw): 24 bytes, a no-op kept for old userspace.</summary>
    public static readonly uint UpdateDraw = Ioc.IOW(Ioc.DrmBase, 0x3f, 24);
    public static readonly uint PrimeHandleToFd = Ioc.DrmIOWR<DrmPrimeHandle>(0x2D);
    public static readonly uint PrimeFdToHandle = Ioc.DrmIOWR<DrmPrimeHandle>(0x2E);
    public static readonly uint ModeCreateDumb = Ioc.DrmIOWR<DrmModeCreateDumb>(0xB2);
    public static readonly uint ModeMapDumb = Ioc.DrmIOWR<DrmModeMapDumb>(0xB3);
    public static readonly uint ModeDestroyDumb = Ioc.DrmIOWR<DrmModeDestroyDumb>(0xB4);
    public static readonly uint SyncobjCreate = Ioc.DrmIOWR<DrmSyncobjCreate>(0xBF);
    public static readonly uint SyncobjDestroy = Ioc.DrmIOWR<DrmSyncobjDestroy>(0xC0);
    public static readonly uint SyncobjHandleToFd = Ioc.DrmIOWR<DrmSyncobjHandle>(0xC1);
    public static readonly uint SyncobjFdToHandle = Ioc.DrmIOWR<DrmSyncobjHandle>(0xC2);
    public static readonly uint SyncobjWait = Ioc.DrmIOWR<DrmSyncobjWait>(0xC3);
    public static readonly uint SyncobjReset = Ioc.DrmIOWR<DrmSyncobjArray>(0xC4);
    public static readonly uint SyncobjSignal = Ioc.DrmIOWR<DrmSyncobjArray>(0xC5);

    // GET_CAP capabilities
    public const ulong CapDumbBuffer = 0x1;
    public const ulong CapPrime = 0x5;
    public const ulong CapTimestampMonotonic = 0x6;
    public const ulong CapSyncobj = 0x13;
    public const ulong CapSyncobjTimeline = 0x14;
    public const ulong PrimeCapImport = 1;
    public const ulong PrimeCapExport = 2;

    // Flags
    public const uint DrmCloexec = 0x80000;
    public const uint DrmRdwr = 0x2;
    public const uint SyncobjCreateSignaled = 1;
    public const uint SyncobjWaitFlagsWaitAll = 1;
    public const uint SyncobjWaitFlagsWaitForSubmit = 2;
    public const uint SyncobjWaitFlagsWaitAvailable = 4;
    public const uint SyncobjWaitFlagsWaitDeadline = 8;
    public const uint SyncobjHandleToFdFlagsExportSyncFile = 1;
    public const uint SyncobjFdToHandleFlagsImportSyncFile = 1;

    /// <summary>First fake mmap offset, in pages (DRM_FILE_PAGE_OFFSET_START on 64-bit): byte offset 4 GiB.</summary>
    public const ulong FilePageOffsetStart = 0x100000;
}
