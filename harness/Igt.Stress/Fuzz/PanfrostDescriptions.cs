using Igt.Drivers.Panfrost.Uapi;
using static Igt.Stress.Fuzz.F;

namespace Igt.Stress.Fuzz;

/// <summary>panfrost_drm.h (panfrost_drm_driver_ioctls[]), typed for the fuzzer.</summary>
public static class PanfrostDescriptions
{
    private const ulong Mib = 1 << 20;

    public static IReadOnlyList<FuzzIoctl> All { get; } =
    [
        new("SUBMIT", PanfrostIoctls.Submit, S("drm_panfrost_submit", 40,
            Res("jc", 0, 8, ResourceKind.GpuVa), Array("in_syncs", 8, HandleArray(ResourceKind.Syncobj), "in_sync_count", 2),
            Count("in_sync_count", 16), Syncobj("out_sync", 20),
            Array("bo_handles", 24, HandleArray(ResourceKind.GemHandle), "bo_handle_count"), Count("bo_handle_count", 32),
            Flags("requirements", 36, 4, PanfrostIoctls.JdReqFs | PanfrostIoctls.JdReqCycleCount))) { Weight = 12 },
        new("WAIT_BO", PanfrostIoctls.WaitBo, S("drm_panfrost_wait_bo", 16, Handle("handle", 0), Pad("pad", 4), AbsNs("timeout_ns", 8)))
        {
            // panfrost_ioctl_wait_bo() returns dma_resv_wait_timeout()'s remaining jiffies as they are.
            PositiveOk = true,
        },
        new("CREATE_BO", PanfrostIoctls.CreateBo, S("drm_panfrost_create_bo", 24,
            Size("size", 0, 4, 4096, 8192, 65536, 2 * Mib), Flags("flags", 4, 4, PanfrostIoctls.BoNoexec | PanfrostIoctls.BoHeap),
            ResOut("handle", 8, 4, ResourceKind.GemHandle), Pad("pad", 12), ResOut("offset", 16, 8, ResourceKind.GpuVa))) { Weight = 16 },
        new("MMAP_BO", PanfrostIoctls.MmapBo, S("drm_panfrost_mmap_bo", 16,
            Handle("handle", 0), Pad("flags", 4), ResOut("offset", 8, 8, ResourceKind.MmapOffset))),
        new("GET_PARAM", PanfrostIoctls.GetParam, S("drm_panfrost_get_param", 16,
            Enum("param", 0, 4, Enumerable.Range(0, 45).Select(i => (ulong)i).ToArray()), Pad("pad", 4), Out("value", 8, 8))) { Weight = 4 },
        new("GET_BO_OFFSET", PanfrostIoctls.GetBoOffset, S("drm_panfrost_get_bo_offset", 16,
            Handle("handle", 0), Pad("pad", 4), ResOut("offset", 8, 8, ResourceKind.GpuVa))),
        new("PERFCNT_ENABLE", PanfrostIoctls.PerfcntEnable, S("drm_panfrost_perfcnt_enable", 8,
            Enum("enable", 0, 4, 0, 1), Enum("counterset", 4, 4, 0, 1))) { Weight = 3 },
        new("PERFCNT_DUMP", PanfrostIoctls.PerfcntDump, S("drm_panfrost_perfcnt_dump", 8, BufFixed("buf_ptr", 0, 8192))) { Weight = 3 },
        new("MADVISE", PanfrostIoctls.Madvise, S("drm_panfrost_madvise", 12,
            Handle("handle", 0), Enum("madv", 4, 4, PanfrostIoctls.MadvWillneed, PanfrostIoctls.MadvDontneed), Out("retained", 8)))
        {
            Oracle = PanfrostOracles.MadviseSharedBo,
        },
    ];
}
