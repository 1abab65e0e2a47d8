using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// GEM_USERPTR (i915_gem_userptr.c), checks in the kernel's order: flags, size too big, zero size, page
/// alignment, access_ok, UNSYNCHRONIZED (5.13+: -ENODEV; before: root only, -EPERM), READ_ONLY without read-only
/// PTEs (-ENODEV), PROBE (-EFAULT unless the range is normal memory). Pages are not touched until first use.
/// </summary>
public static class I915GemUserptr
{
    public static int Ioctl(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemUserptr>(data);
        var i915 = I915Private.From(dev);
        var task = TaskStruct.Current ?? file.Owner;
        var valid = I915UserptrFlags.ReadOnly | I915UserptrFlags.Unsynchronized | (i915.HasUserptrProbe ? I915UserptrFlags.Probe : 0);
        if ((a.Flags & ~valid) != 0)
            return -Errno.EINVAL;
        if (a.UserSize >> PageAllocator.PageShift > int.MaxValue)
            return -Errno.E2BIG;
        if (a.UserSize == 0)
            return -Errno.EINVAL;
        var ptr = a.UserPtr;
        var size = a.UserSize;
        if (((ptr | size) & (PageAllocator.PageSize - 1)) != 0)
        {
            if (!i915.Bug(I915KnownBugs.UserptrUnalignedAccepted))
                return -Errno.EINVAL;
            // The bug: round the range out to pages and carry on.
            size = (size + (ptr & (PageAllocator.PageSize - 1)) + PageAllocator.PageSize - 1) & ~(ulong)(PageAllocator.PageSize - 1);
            ptr &= ~(ulong)(PageAllocator.PageSize - 1);
        }
        if (!MmStruct.AccessOk(ptr, size))
            return -Errno.EFAULT;
        var unsync = (a.Flags & I915UserptrFlags.Unsynchronized) != 0;
        if (unsync && !i915.LegacyUserptr)
            return -Errno.ENODEV;
        var readOnly = (a.Flags & I915UserptrFlags.ReadOnly) != 0;
        if (readOnly && !i915.Platform.HasReadOnlyPtes)
            return -Errno.ENODEV;
        if ((a.Flags & I915UserptrFlags.Probe) != 0 && !task.Mm.RangeIsNormalMemory(ptr, size))
            return -Errno.EFAULT;
        if (unsync && !task.IsRoot)
            return -Errno.EPERM;

        var obj = new I915UserptrObject(i915, task.Mm, ptr, size, readOnly, synchronized: !unsync);
        obj.RegisterNotifier();
        var err = file.HandleCreate(obj, out var handle);
        obj.Put();
        if (err != 0)
            return err;
        a.Handle = handle;
        return 0;
    }
}
