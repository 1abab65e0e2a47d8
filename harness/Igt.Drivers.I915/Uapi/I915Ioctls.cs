using Igt.Drm.Uapi;

namespace Igt.Drivers.I915.Uapi;

/// <summary>DRM_IOCTL_I915_* request numbers, computed from the struct sizes like i915_drm.h does (uapi-facts.md §4.1).</summary>
public static class I915Ioctls
{
    public const uint NrGetparam = 0x06;
    public const uint NrGemExecbuffer2 = 0x29;
    public const uint NrGemBusy = 0x17;
    public const uint NrGemCreate = 0x1b;
    public const uint NrGemPread = 0x1c;
    public const uint NrGemPwrite = 0x1d;
    public const uint NrGemMmap = 0x1e;
    public const uint NrGemSetDomain = 0x1f;
    public const uint NrGemSwFinish = 0x20;
    public const uint NrGemSetTiling = 0x21;
    public const uint NrGemGetTiling = 0x22;
    public const uint NrGemMmapGtt = 0x24;
    public const uint NrGemMadvise = 0x26;
    public const uint NrGemWait = 0x2c;
    public const uint NrGemSetCaching = 0x2f;
    public const uint NrGemGetCaching = 0x30;
    public const uint NrGemUserptr = 0x33;

    public static readonly uint Getparam = Ioc.DrmIOWR<DrmI915Getparam>(Ioc.DrmCommandBase + NrGetparam);
    public static readonly uint GemExecbuffer2 = Ioc.DrmIOW<DrmI915GemExecbuffer2>(Ioc.DrmCommandBase + NrGemExecbuffer2);
    public static readonly uint GemExecbuffer2Wr = Ioc.DrmIOWR<DrmI915GemExecbuffer2>(Ioc.DrmCommandBase + NrGemExecbuffer2);
    public static readonly uint GemBusy = Ioc.DrmIOWR<DrmI915GemBusy>(Ioc.DrmCommandBase + NrGemBusy);
    public static readonly uint GemCreate = Ioc.DrmIOWR<DrmI915GemCreate>(Ioc.DrmCommandBase + NrGemCreate);
    public static readonly uint GemPread = Ioc.DrmIOW<DrmI915GemPread>(Ioc.DrmCommandBase + NrGemPread);
    public static readonly uint GemPwrite = Ioc.DrmIOW<DrmI915GemPwrite>(Ioc.DrmCommandBase + NrGemPwrite);
    public static readonly uint GemMmap = Ioc.DrmIOWR<DrmI915GemMmap>(Ioc.DrmCommandBase + NrGemMmap);
    public static readonly uint GemSetDomain = Ioc.DrmIOW<DrmI915GemSetDomain>(Ioc.DrmCommandBase + NrGemSetDomain);
    public static readonly uint GemSwFinish = Ioc.DrmIOW<DrmI915GemSwFinish>(Ioc.DrmCommandBase + NrGemSwFinish);
    public static readonly uint GemSetTiling = Ioc.DrmIOWR<DrmI915GemSetTiling>(Ioc.DrmCommandBase + NrGemSetTiling);
    public static readonly uint GemGetTiling = Ioc.DrmIOWR<DrmI915GemGetTiling>(Ioc.DrmCommandBase + NrGemGetTiling);
    public static readonly uint GemMmapGtt = Ioc.DrmIOWR<DrmI915GemMmapGtt>(Ioc.DrmCommandBase + NrGemMmapGtt);

    /// <summary>MMAP_OFFSET shares nr 0x64 with MMAP_GTT; only the size differs (dispatch is by nr).</summary>
    public static readonly uint GemMmapOffset = Ioc.DrmIOWR<DrmI915GemMmapOffset>(Ioc.DrmCommandBase + NrGemMmapGtt);

    public static readonly uint GemMadvise = Ioc.DrmIOWR<DrmI915GemMadvise>(Ioc.DrmCommandBase + NrGemMadvise);
    public static readonly uint GemWait = Ioc.DrmIOWR<DrmI915GemWait>(Ioc.DrmCommandBase + NrGemWait);
    public static readonly uint GemSetCaching = Ioc.DrmIOW<DrmI915GemCaching>(Ioc.DrmCommandBase + NrGemSetCaching);
    public static readonly uint GemGetCaching = Ioc.DrmIOWR<DrmI915GemCaching>(Ioc.DrmCommandBase + NrGemGetCaching);
    public static readonly uint GemUserptr = Ioc.DrmIOWR<DrmI915GemUserptr>(Ioc.DrmCommandBase + NrGemUserptr);
}
