using Igt.Drivers.Vgem.Uapi;
using static Igt.Stress.Fuzz.F;

namespace Igt.Stress.Fuzz;

/// <summary>vgem_drm.h: the fence ioctls (vgem_ioctls[]).</summary>
public static class VgemDescriptions
{
    public static IReadOnlyList<FuzzIoctl> All { get; } =
    [
        new("VGEM_FENCE_ATTACH", VgemIoctls.FenceAttach, S("drm_vgem_fence_attach", 16,
            Handle("handle", 0), Flags("flags", 4, 4, VgemIoctls.FenceWrite),
            ResOut("out_fence", 8, 4, ResourceKind.VgemFence), Pad("pad", 12))) { Weight = 12 },
        new("VGEM_FENCE_SIGNAL", VgemIoctls.FenceSignal, S("drm_vgem_fence_signal", 8,
            Res("fence", 0, 4, ResourceKind.VgemFence), Pad("flags", 4))) { Weight = 10 },
    ];
}
