using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Gem;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// i915_gem_mman.c: the legacy CPU mmap ioctl (maps the object's shmem file into the caller and returns the
/// address), MMAP_GTT / MMAP_OFFSET (a fake offset per mmap type for mmap() on the DRM fd), and the DRM fd's
/// mmap itself (i915_gem_mmap): offset lookup, per-file permission, VM_PFNMAP mapping faulted page by page.
/// </summary>
public static class I915GemMman
{
    private const ulong PageMask = PageAllocator.PageSize - 1;

    public static int Mmap(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemMmap>(data);
        var i915 = I915Private.From(dev);
        if (!i915.Platform.HasLegacyMmap)
            return -Errno.EOPNOTSUPP;
        if ((a.Flags & ~I915MmapOffsetType.LegacyWcFlag) != 0)
            return -Errno.EINVAL;
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            // prime and userptr objects have no backing filp to map
            if (!obj.HasShmem)
                return -Errno.ENXIO;
            if (a.Offset >= obj.Size || a.Size > obj.Size - a.Offset)
                return -Errno.EINVAL;
            var task = TaskStruct.Current ?? file.Owner;
            var filp = ShmemFileOf(obj);
            long addr;
            lock (filp)
            {
                filp.NextCacheMode = (a.Flags & I915MmapOffsetType.LegacyWcFlag) != 0 ? CacheMode.WriteCombined : CacheMode.WriteBack;
                addr = task.Mm.Mmap(0, a.Size, Prot.ReadWrite, MapFlags.Shared, filp, a.Offset);
            }
            if (addr < 0)
                return (int)addr;
            a.AddrPtr = (ulong)addr;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    public static int MmapOffset(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemMmapOffset>(data);
        var i915 = I915Private.From(dev);
        var task = TaskStruct.Current ?? file.Owner;
        var err = CheckExtensions(task, a.Extensions);
        if (err != 0)
            return err;
        switch (a.Flags)
        {
            case I915MmapOffsetType.Gtt:
            case I915MmapOffsetType.Wc:
            case I915MmapOffsetType.Wb:
            case I915MmapOffsetType.Uc:
                break;
            case I915MmapOffsetType.Fixed:
                return -Errno.ENODEV; // only discrete parts, which we do not emulate
            default:
                return -Errno.EINVAL;
        }
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            // I915_GEM_OBJECT_NO_MMAP: userptr objects can never be mapped this way.
            if (obj.IsUserptr)
                return -Errno.ENODEV;
            a.Offset = i915.MmapOffsets.Add(obj, a.Flags, file) << PageAllocator.PageShift;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    /// <summary>i915_gem_mmap: file_operations.mmap of the DRM fd.</summary>
    public static int FileMmap(I915Private i915, DrmFile file, Vma vma)
    {
        var pages = vma.Length >> PageAllocator.PageShift;
        if (!i915.MmapOffsets.Lookup(vma.PgOff, pages, file, out var obj, out var type, out var objPgoff, out var allowed))
            return -Errno.EINVAL;
        if (!allowed)
            return -Errno.EACCES;
        if (obj!.ReadOnly && (vma.Prot & Prot.Write) != 0)
            return -Errno.EINVAL;
        vma.PgOff = objPgoff;
        vma.Ops = GemVmOps.Instance;
        vma.PrivateData = obj;
        vma.Flags |= VmaFlags.PfnMap;
        vma.CacheMode = type switch
        {
            I915MmapOffsetType.Wc or I915MmapOffsetType.Gtt => CacheMode.WriteCombined,
            I915MmapOffsetType.Uc => CacheMode.Uncached,
            _ => CacheMode.WriteBack,
        };
        obj.Get();
        obj.Mapping.Link(vma);
        return 0;
    }

    private static I915ShmemFile ShmemFileOf(I915GemObject obj)
    {
        lock (obj.Lock)
            return obj.Filp ??= new I915ShmemFile(obj);
    }

    /// <summary>i915_user_extensions with no extension defined: an unreadable link is -EFAULT, any name -EINVAL.</summary>
    private static int CheckExtensions(TaskStruct task, ulong ext)
    {
        if (ext == 0)
            return 0;
        Span<byte> buf = stackalloc byte[UapiStruct.SizeOf<I915UserExtension>()];
        if (task.Mm.CopyFromUser(buf, ext) != 0)
            return -Errno.EFAULT;
        return -Errno.EINVAL;
    }
}
