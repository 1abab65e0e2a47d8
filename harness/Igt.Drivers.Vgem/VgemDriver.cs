using Igt.Drivers.Vgem.Uapi;
using Igt.Drm;
using Igt.Drm.Gem;
using Igt.Drm.Ioctl;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.Vgem;

/// <summary>
/// vgem: the virtual GEM provider IGT uses for driver-independent tests. Render node plus dumb buffers on shmem,
/// and userspace-signalled fences on them (vgem_fence.c) so dma-buf implicit sync can be tested without a GPU.
/// </summary>
public sealed partial class VgemDriver : DrmDriver
{
    public override string Name => "vgem";

    public override string Desc => "Virtual GEM provider";

    public override string Date => "20120112";

    public override int Major => 1;

    public override int Minor => 0;

    public override DriverFeatures Features => DriverFeatures.Gem | DriverFeatures.Render;

    public override bool ShmemReclaim => true;

    /// <summary>vgem_ioctls[]: nr 0x40 is a hole (-EINVAL), then the two fence ioctls.</summary>
    public override IReadOnlyList<DrmIoctlDesc?> Ioctls { get; } =
    [
        null,
        new DrmIoctlDesc(VgemIoctls.FenceAttach, DrmIoctlFlags.RenderAllow, FenceAttach, "VGEM_FENCE_ATTACH"),
        new DrmIoctlDesc(VgemIoctls.FenceSignal, DrmIoctlFlags.RenderAllow, FenceSignal, "VGEM_FENCE_SIGNAL"),
    ];

    /// <summary>vgem_open: the per-file fence idr.</summary>
    public override int Open(DrmDevice dev, DrmFile file)
    {
        file.DriverPriv = new VgemFile();
        return 0;
    }

    /// <summary>vgem_postclose: fences the file still holds are signalled.</summary>
    public override void Postclose(DrmDevice dev, DrmFile file) => (file.DriverPriv as VgemFile)?.Close();

    /// <summary>drm_gem_shmem_dumb_create: pitch = width * cpp, size page-aligned.</summary>
    public override int DumbCreate(DrmFile file, ref DrmModeCreateDumb args)
    {
        var cpp = (args.Bpp + 7) / 8;
        if (cpp == 0 || cpp > uint.MaxValue / args.Width)
            return -Errno.EINVAL;
        var stride = cpp * args.Width;
        if (args.Height > uint.MaxValue / stride)
            return -Errno.EINVAL;
        var size = ((ulong)args.Height * stride + 4095) & ~4095UL;
        if (size == 0)
            return -Errno.EINVAL;
        var obj = new GemObject(file.Dev, size);
        var err = file.HandleCreate(obj, out var handle);
        obj.Put();
        if (err != 0)
            return err;
        args.Handle = handle;
        args.Pitch = stride;
        args.Size = size;
        return 0;
    }
}
