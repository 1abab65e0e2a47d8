using Igt.Drm.Uapi;

namespace Igt.Drivers.Panfrost.Uapi;

/// <summary>DRM_IOCTL_PANFROST_* request numbers (computed from the struct sizes like panfrost_drm.h) and flags.</summary>
public static class PanfrostIoctls
{
    public const uint NrSubmit = 0x00;
    public const uint NrWaitBo = 0x01;
    public const uint NrCreateBo = 0x02;
    public const uint NrMmapBo = 0x03;
    public const uint NrGetParam = 0x04;
    public const uint NrGetBoOffset = 0x05;
    public const uint NrPerfcntEnable = 0x06;
    public const uint NrPerfcntDump = 0x07;
    public const uint NrMadvise = 0x08;

    public static readonly uint Submit = Ioc.DrmIOW<DrmPanfrostSubmit>(Ioc.DrmCommandBase + NrSubmit);
    public static readonly uint WaitBo = Ioc.DrmIOW<DrmPanfrostWaitBo>(Ioc.DrmCommandBase + NrWaitBo);
    public static readonly uint CreateBo = Ioc.DrmIOWR<DrmPanfrostCreateBo>(Ioc.DrmCommandBase + NrCreateBo);
    public static readonly uint MmapBo = Ioc.DrmIOWR<DrmPanfrostMmapBo>(Ioc.DrmCommandBase + NrMmapBo);
    public static readonly uint GetParam = Ioc.DrmIOWR<DrmPanfrostGetParam>(Ioc.DrmCommandBase + NrGetParam);
    public static readonly uint GetBoOffset = Ioc.DrmIOWR<DrmPanfrostGetBoOffset>(Ioc.DrmCommandBase + NrGetBoOffset);
    public static readonly uint PerfcntEnable = Ioc.DrmIOW<DrmPanfrostPerfcntEnable>(Ioc.DrmCommandBase + NrPerfcntEnable);
    public static readonly uint PerfcntDump = Ioc.DrmIOW<DrmPanfrostPerfcntDump>(Ioc.DrmCommandBase + NrPerfcntDump);
    public static readonly uint Madvise = Ioc.DrmIOWR<DrmPanfrostMadvise>(Ioc.DrmCommandBase + NrMadvise);

    /// <summary>Fragment job: runs on job slot 0 (otherwise slot 1).</summary>
    public const uint JdReqFs = 1;

    /// <summary>Driver 1.3+: keep the cycle counter running for the job.</summary>
    public const uint JdReqCycleCount = 2;

    public const uint BoNoexec = 1;

    /// <summary>Driver 1.1+: grown on GPU page faults in 2 MiB steps; requires NOEXEC.</summary>
    public const uint BoHeap = 2;

    public const uint MadvWillneed = 0;
    public const uint MadvDontneed = 1;
}
