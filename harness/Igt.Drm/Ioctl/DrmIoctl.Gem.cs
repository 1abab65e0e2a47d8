using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drm.Ioctl;

/// <summary>GEM_CLOSE, GEM_FLINK, GEM_OPEN (drm_gem.c).</summary>
public static partial class DrmIoctl
{
    private static int GemClose(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmGemClose>(data);
        // drm_gem_close_ioctl does not check pad (ABI): only the handle matters.
        return file.HandleDelete(a.Handle);
    }

    private static int GemFlink(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmGemFlink>(data);
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            lock (dev.NameLock)
            {
                // An object without handles cannot be named (it is on its way out).
                if (obj.HandleCount == 0)
                    return -Errno.ENOENT;
                if (obj.Name == 0)
                    obj.Name = dev.ObjectNames.Alloc(obj);
                a.Name = obj.Name;
            }
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    private static int GemOpen(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmGemOpen>(data);
        Gem.GemObject? obj;
        lock (dev.NameLock)
        {
            obj = dev.ObjectNames.Find(a.Name);
            obj?.Get();
        }
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            var err = file.HandleCreate(obj, out var handle);
            if (err != 0)
                return err;
            a.Handle = handle;
            a.Size = obj.Size;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    private static int ModeCreateDumb(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmModeCreateDumb>(data);
        // drm_mode_create_dumb (6.1 to 6.12): flags are not checked, checked by the real kernel in the VM
        // (docs/real-kernel.md); the outputs are zeroed before the driver fills them.
        if (a.Width == 0 || a.Height == 0 || a.Bpp == 0)
            return -Errno.EINVAL;
        a.Handle = 0;
        a.Pitch = 0;
        a.Size = 0;
        return dev.Driver.DumbCreate(file, ref a);
    }

    private static int ModeMapDumb(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmModeMapDumb>(data);
        // drm_mode_mmap_dumb_ioctl does not look at pad (checked on the real kernel, docs/real-kernel.md).
        var obj = file.Lookup(a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            if (obj.ImportAttach is not null)
                return -Errno.EINVAL;
            a.Offset = dev.VmaOffsets.Add(obj) << Kernel.Mm.PageAllocator.PageShift;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    private static int ModeDestroyDumb(DrmDevice dev, Span<byte> data, DrmFile file) =>
        file.HandleDelete(UapiStruct.As<DrmModeDestroyDumb>(data).Handle);
}
