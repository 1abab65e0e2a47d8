using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.I915.Gem;

/// <summary>GEM_SET_TILING / GEM_GET_TILING (i915_gem_tiling.c). Bit-6 swizzling is NONE on every emulated platform.</summary>
public static class I915GemTiling
{
    public static int Set(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemSetTiling>(data);
        var i915 = I915Private.From(dev);
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            if (obj.IsUserptr)
                return -Errno.ENXIO;
            if (!TilingOk(i915, a.TilingMode, a.Stride))
                return -Errno.EINVAL;
            if (a.TilingMode == I915Tiling.None)
                a.Stride = 0;
            if (obj.TilingMode != a.TilingMode || obj.Stride != a.Stride)
            {
                // Fenced GTT views change: revoke the CPU mappings so they refault with the new layout.
                obj.Mapping.UnmapAll();
                obj.TilingMode = a.TilingMode;
                obj.Stride = a.Stride;
            }
            a.SwizzleMode = I915Tiling.SwizzleNone;
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    public static int Get(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemGetTiling>(data);
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        a.TilingMode = obj.TilingMode;
        a.SwizzleMode = I915Tiling.SwizzleNone;
        a.PhysSwizzleMode = I915Tiling.SwizzleNone;
        obj.Put();
        return 0;
    }

    /// <summary>i915_tiling_ok: linear always; X (512-byte tiles) and Y (128) need a tile-aligned stride up to the limit.</summary>
    private static bool TilingOk(I915Private i915, uint mode, uint stride)
    {
        if (mode == I915Tiling.None)
            return true;
        if (mode > I915Tiling.Last)
            return false;
        var maxStride = i915.Platform.GraphicsVersion >= 7 ? 256u * 1024 : 128u * 1024;
        var tileWidth = mode == I915Tiling.X ? 512u : 128u;
        return stride != 0 && stride <= maxStride && stride % tileWidth == 0;
    }
}
