using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.I915.Gem;

/// <summary>GEM_CREATE (i915_gem_create.c): a shmem object, size rounded up to a page.</summary>
public static class I915GemCreate
{
    public static int Ioctl(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemCreate>(data);
        var i915 = I915Private.From(dev);
        // round_up() wraps for sizes near 2^64, which then fail as zero-sized.
        var size = unchecked(a.Size + PageAllocator.PageSize - 1) & ~(ulong)(PageAllocator.PageSize - 1);
        if (size == 0)
            return -Errno.EINVAL;
        // The system memory region cannot hold more than RAM (i915_gem_object_create_region: -E2BIG).
        if (size > (ulong)i915.Machine.Pages.TotalPages << PageAllocator.PageShift)
            return -Errno.E2BIG;
        var err = Create(i915, file, size, out var handle);
        if (err != 0)
            return err;
        a.Size = size;
        a.Handle = handle;
        return 0;
    }

    /// <summary>Creates an object and a handle for it in <paramref name="file"/>.</summary>
    public static int Create(I915Private i915, DrmFile file, ulong size, out uint handle)
    {
        var obj = new I915GemObject(i915, size);
        var err = file.HandleCreate(obj, out handle);
        obj.Put();
        return err;
    }

    /// <summary>i915_gem_dumb_create: pitch aligned to 64 bytes, size to a page.</summary>
    public static int DumbCreate(I915Private i915, DrmFile file, ref DrmModeCreateDumb args)
    {
        var cpp = (args.Bpp + 7) / 8;
        if (cpp is 0 or > 4)
            return -Errno.EINVAL;
        var pitch = ((ulong)args.Width * cpp + 63) & ~63UL;
        var size = (pitch * args.Height + PageAllocator.PageSize - 1) & ~(ulong)(PageAllocator.PageSize - 1);
        if (pitch > uint.MaxValue || size == 0 || size > (ulong)i915.Machine.Pages.TotalPages << PageAllocator.PageShift)
            return -Errno.EINVAL;
        var err = Create(i915, file, size, out var handle);
        if (err != 0)
            return err;
        args.Handle = handle;
        args.Pitch = (uint)pitch;
        args.Size = size;
        return 0;
    }
}
