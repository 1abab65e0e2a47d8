using Igt.Drivers.Etnaviv.Uapi;
using static Igt.Stress.Fuzz.F;

namespace Igt.Stress.Fuzz;

/// <summary>etnaviv_drm.h (etnaviv_ioctls[]), typed for the fuzzer.</summary>
public static class EtnavivDescriptions
{
    private const ulong CacheFlags = EtnavivIoctls.BoCached | EtnavivIoctls.BoWc | EtnavivIoctls.BoUncached | EtnavivIoctls.BoForceMmu;

    private static readonly FuzzStruct SubmitBo = S("drm_etnaviv_gem_submit_bo", 16,
        Flags("flags", 0, 4, EtnavivIoctls.SubmitBoRead | EtnavivIoctls.SubmitBoWrite), Handle("handle", 4),
        Res("presumed", 8, 8, ResourceKind.GpuVa));

    private static readonly FuzzStruct SubmitReloc = S("drm_etnaviv_gem_submit_reloc", 24,
        U32("submit_offset", 0, 0, 4, 8, 12, 16, 24), U32("reloc_idx", 4, 0, 1, 2),
        U64("reloc_offset", 8, 0, 4, 64, 4092, 4096, 8188), Pad("flags", 16), Pad("pad", 20));

    private static readonly FuzzStruct SubmitPmr = S("drm_etnaviv_gem_submit_pmr", 20,
        Flags("flags", 0, 4, EtnavivIoctls.PmProcessPre | EtnavivIoctls.PmProcessPost), Int("domain", 4, 1, 0, 1, 2, 3),
        Pad("pad", 5, 1), Int("signal", 6, 2, 0, 1, 2), U32("sequence", 8, 0, 1), U32("read_offset", 12, 4, 8, 64), U32("read_idx", 16, 0, 1));

    private static readonly ulong[] Pipes = [EtnavivIoctls.Pipe3D, EtnavivIoctls.Pipe2D, EtnavivIoctls.PipeVG, 3];

    public static IReadOnlyList<FuzzIoctl> All { get; } =
    [
        new("ETNAVIV_GET_PARAM", EtnavivIoctls.GetParam, S("drm_etnaviv_param", 16,
            Enum("pipe", 0, 4, Pipes), Enum("param", 4, 4, Enumerable.Range(1, 0x1e).Select(i => (ulong)i).ToArray()), Out("value", 8, 8))) { Weight = 4 },
        new("ETNAVIV_GEM_NEW", EtnavivIoctls.GemNew, S("drm_etnaviv_gem_new", 16,
            Size("size", 0, 8, 4096, 8192, 65536, 1 << 20), Flags("flags", 8, 4, CacheFlags),
            ResOut("handle", 12, 4, ResourceKind.GemHandle))) { Weight = 16 },
        new("ETNAVIV_GEM_INFO", EtnavivIoctls.GemInfo, S("drm_etnaviv_gem_info", 16,
            Handle("handle", 0), Pad("pad", 4), ResOut("offset", 8, 8, ResourceKind.MmapOffset))),
        new("ETNAVIV_GEM_CPU_PREP", EtnavivIoctls.GemCpuPrep, S("drm_etnaviv_gem_cpu_prep", 24,
            Handle("handle", 0), Flags("op", 4, 4, EtnavivIoctls.PrepRead | EtnavivIoctls.PrepWrite | EtnavivIoctls.PrepNoSync),
            Timespec("timeout", 8))),
        new("ETNAVIV_GEM_CPU_FINI", EtnavivIoctls.GemCpuFini, S("drm_etnaviv_gem_cpu_fini", 8, Handle("handle", 0), Pad("flags", 4))),
        new("ETNAVIV_GEM_SUBMIT", EtnavivIoctls.GemSubmit, S("drm_etnaviv_gem_submit", 72,
            ResOut("fence", 0, 4, ResourceKind.GpuFence), Enum("pipe", 4, 4, Pipes), Enum("exec_state", 8, 4, Pipes),
            Count("nr_bos", 12), Count("nr_relocs", 16), Count("stream_size", 20),
            Array("bos", 24, SubmitBo, "nr_bos", 3), Array("relocs", 32, SubmitReloc, "nr_relocs", 3),
            Buf("stream", 40, "stream_size", 128) with { Content = FuzzContent.EtnavivStream },
            Flags("flags", 48, 4, EtnavivIoctls.SubmitFlags), ResOut("fence_fd", 52, 4, ResourceKind.Fd),
            Array("pmrs", 56, SubmitPmr, "nr_pmrs", 2), Count("nr_pmrs", 64), Pad("pad", 68)))
        {
            Weight = 16,
            Oracle = EtnavivOracles.RelocInsideBo,
        },
        new("ETNAVIV_WAIT_FENCE", EtnavivIoctls.WaitFence, S("drm_etnaviv_wait_fence", 32,
            Enum("pipe", 0, 4, Pipes), Res("fence", 4, 4, ResourceKind.GpuFence), Flags("flags", 8, 4, EtnavivIoctls.WaitNonblock),
            Pad("pad", 12), Timespec("timeout", 16))),
        new("ETNAVIV_GEM_USERPTR", EtnavivIoctls.GemUserptr, S("drm_etnaviv_gem_userptr", 24,
            UserRange("user_ptr", 0, "user_size"), Size("user_size", 8, 8, 4096, 8192, 16384),
            Flags("flags", 16, 4, EtnavivIoctls.UserptrRead | EtnavivIoctls.UserptrWrite),
            ResOut("handle", 20, 4, ResourceKind.GemHandle))) { Weight = 8 },
        new("ETNAVIV_GEM_WAIT", EtnavivIoctls.GemWait, S("drm_etnaviv_gem_wait", 32,
            Enum("pipe", 0, 4, Pipes), Handle("handle", 4), Flags("flags", 8, 4, EtnavivIoctls.WaitNonblock),
            Pad("pad", 12), Timespec("timeout", 16))),
        new("ETNAVIV_PM_QUERY_DOM", EtnavivIoctls.PmQueryDom, S("drm_etnaviv_pm_domain", 72,
            Enum("pipe", 0, 4, Pipes), Int("iter", 4, 1, 0, 1, 2, 0xff), Out("id", 5, 1), Out("nr_signals", 6, 2), Out("name", 8, 64))) { Weight = 3 },
        new("ETNAVIV_PM_QUERY_SIG", EtnavivIoctls.PmQuerySig, S("drm_etnaviv_pm_signal", 76,
            Enum("pipe", 0, 4, Pipes), Int("domain", 4, 1, 0, 1, 2, 3), Pad("pad", 5, 1), Int("iter", 6, 2, 0, 1, 2, 0xffff),
            Out("id", 8, 2), Out("name", 10, 64))) { Weight = 3 },
    ];
}
