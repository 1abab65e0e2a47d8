using Igt.Drm;
using Igt.Drm.Gem;
using Igt.Drm.Ioctl;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.Vgem;

/// <summary>
/// vgem: the virtual GEM provider IGT uses for driver-independent tests. Render node plus dumb buffers on shmem.
/// The fence ioctls (VGEM_FENCE_ATTACH/SIGNAL) are added by the vgem issue.
/// </summary>
public sealed class VgemDriver : DrmDriver
{
    public override string Name => "vgem";

    public override string Desc => "Virtual GEM provider";

    public override string Date => "20120112";

    public override int Major => 1;

    public override int Minor => 0;

    public override DriverFeatures Features => DriverFeatures.Gem | DriverFeatures.Render;

    public override bool ShmemReclaim => true;

    public override IReadOnlyList<DrmIoctlDesc?> Ioctls { get; } = Array.Empty<DrmIoctlDesc?>();

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
