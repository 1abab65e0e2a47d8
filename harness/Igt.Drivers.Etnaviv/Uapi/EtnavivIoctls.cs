using Igt.Drm.Uapi;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>DRM_IOCTL_ETNAVIV_* request numbers (etnaviv_drm.h), computed from the struct sizes like the header does.</summary>
public static class EtnavivIoctls
{
    public const uint GetParamNr = 0x00;
    public const uint GemNewNr = 0x02;
    public const uint GemInfoNr = 0x03;
    public const uint GemCpuPrepNr = 0x04;
    public const uint GemCpuFiniNr = 0x05;
    public const uint GemSubmitNr = 0x06;
    public const uint WaitFenceNr = 0x07;
    public const uint GemUserptrNr = 0x08;
    public const uint GemWaitNr = 0x09;
    public const uint PmQueryDomNr = 0x0A;
    public const uint PmQuerySigNr = 0x0B;

    public static readonly uint GetParam = Ioc.DrmIOWR<DrmEtnavivParam>(Ioc.DrmCommandBase + GetParamNr);
    public static readonly uint GemNew = Ioc.DrmIOWR<DrmEtnavivGemNew>(Ioc.DrmCommandBase + GemNewNr);
    public static readonly uint GemInfo = Ioc.DrmIOWR<DrmEtnavivGemInfo>(Ioc.DrmCommandBase + GemInfoNr);
    public static readonly uint GemCpuPrep = Ioc.DrmIOW<DrmEtnavivGemCpuPrep>(Ioc.DrmCommandBase + GemCpuPrepNr);
    public static readonly uint GemCpuFini = Ioc.DrmIOW<DrmEtnavivGemCpuFini>(Ioc.DrmCommandBase + GemCpuFiniNr);
    public static readonly uint GemSubmit = Ioc.DrmIOWR<DrmEtnavivGemSubmit>(Ioc.DrmCommandBase + GemSubmitNr);
    public static readonly uint WaitFence = Ioc.DrmIOW<DrmEtnavivWaitFence>(Ioc.DrmCommandBase + WaitFenceNr);
    public static readonly uint GemUserptr = Ioc.DrmIOWR<DrmEtnavivGemUserptr>(Ioc.DrmCommandBase + GemUserptrNr);
    public static readonly uint GemWait = Ioc.DrmIOW<DrmEtnavivGemWait>(Ioc.DrmCommandBase + GemWaitNr);
    public static readonly uint PmQueryDom = Ioc.DrmIOWR<DrmEtnavivPmDomain>(Ioc.DrmCommandBase + PmQueryDomNr);
    public static readonly uint PmQuerySig = Ioc.DrmIOWR<DrmEtnavivPmSignal>(Ioc.DrmCommandBase + PmQuerySigNr);

    public const int MaxPipes = 4;
    public const uint Pipe3D = 0;
    public const uint Pipe2D = 1;
    public const uint PipeVG = 2;

    // GEM_NEW flags
    public const uint BoCached = 0x0001_0000;
    public const uint BoWc = 0x0002_0000;
    public const uint BoUncached = 0x0004_0000;
    public const uint BoCacheMask = 0x000f_0000;
    public const uint BoForceMmu = 0x0010_0000;

    // CPU_PREP ops
    public const uint PrepRead = 0x01;
    public const uint PrepWrite = 0x02;
    public const uint PrepNoSync = 0x04;

    // submit
    public const uint SubmitBoRead = 0x0001;
    public const uint SubmitBoWrite = 0x0002;
    public const uint SubmitNoImplicit = 0x0001;
    public const uint SubmitFenceFdIn = 0x0002;
    public const uint SubmitFenceFdOut = 0x0004;
    public const uint SubmitSoftpin = 0x0008;
    public const uint SubmitFlags = SubmitNoImplicit | SubmitFenceFdIn | SubmitFenceFdOut | SubmitSoftpin;
    public const uint PmProcessPre = 0x0001;
    public const uint PmProcessPost = 0x0002;

    // WAIT_FENCE / GEM_WAIT
    public const uint WaitNonblock = 0x01;

    // GEM_USERPTR
    public const uint UserptrRead = 0x01;
    public const uint UserptrWrite = 0x02;

    /// <summary>ETNAVIV_SOFTPIN_START_ADDRESS: the kernel's command buffers live below it.</summary>
    public const ulong SoftpinStartAddress = 4UL << 20;
}
