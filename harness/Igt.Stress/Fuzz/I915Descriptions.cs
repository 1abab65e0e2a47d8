using Igt.Drivers.I915.Uapi;
using static Igt.Stress.Fuzz.F;

namespace Igt.Stress.Fuzz;

/// <summary>i915_drm.h (the i915 ioctl table the emulation has), typed for the fuzzer.</summary>
public static class I915Descriptions
{
    private const ulong Domains = 0xff;

    private static readonly FuzzStruct Reloc = S("drm_i915_gem_relocation_entry", 32,
        Handle("target_handle", 0), U32("delta", 4, 0, 4, 64), U64("offset", 8, 0, 4, 8, 64, 4088),
        Res("presumed_offset", 16, 8, ResourceKind.GpuVa), Flags("read_domains", 24, 4, Domains), Flags("write_domain", 28, 4, Domains));

    private static readonly FuzzStruct ExecObject = S("drm_i915_gem_exec_object2", 56,
        Handle("handle", 0), Count("relocation_count", 4), Array("relocs_ptr", 8, Reloc, "relocation_count", 2),
        U64("alignment", 16, 0, 4096, 1 << 16, 3), Res("offset", 24, 8, ResourceKind.GpuVa), Flags("flags", 32, 8, 0xff),
        U64("pad_to_size", 40, 0, 4096, 8192), Pad("rsvd2", 48, 8));

    public static IReadOnlyList<FuzzIoctl> All { get; } =
    [
        new("I915_GETPARAM", I915Ioctls.Getparam, S("drm_i915_getparam", 16,
            Enum("param", 0, 4, 4, 5, 6, 9, 10, 11, 17, 18, 19, 22, 25, 26, 27, 30, 32, 37, 40, 41, 44, 45, 48, 49, 50, 51, 56, 100),
            Pad("pad", 4), BufFixed("value", 8, 4))) { Weight = 4 },
        new("I915_GEM_EXECBUFFER2_WR", I915Ioctls.GemExecbuffer2Wr, S("drm_i915_gem_execbuffer2", 64,
            Array("buffers_ptr", 0, ExecObject, "buffer_count", 3), Count("buffer_count", 8),
            U32("batch_start_offset", 12, 0, 8, 64), U32("batch_len", 16, 0, 8, 16, 4096), Pad("DR1", 20), Pad("DR4", 24),
            Pad("num_cliprects", 28), Pad("cliprects_ptr", 32, 8),
            Flags("flags", 40, 8, I915ExecFlags.RingMask & 7 | I915ExecFlags.NoReloc | I915ExecFlags.HandleLut | I915ExecFlags.BatchFirst
                | I915ExecFlags.FenceIn | I915ExecFlags.FenceOut),
            Pad("rsvd1", 48, 8), Res("rsvd2", 56, 4, ResourceKind.Fd), ResOut("out_fence", 60, 4, ResourceKind.Fd))) { Weight = 16 },
        new("I915_GEM_BUSY", I915Ioctls.GemBusy, S("drm_i915_gem_busy", 8, Handle("handle", 0), Out("busy", 4))),
        new("I915_GEM_CREATE", I915Ioctls.GemCreate, S("drm_i915_gem_create", 16,
            Size("size", 0, 8, 4096, 8192, 65536, 1 << 20), ResOut("handle", 8, 4, ResourceKind.GemHandle), Pad("pad", 12))) { Weight = 16 },
        new("I915_GEM_PREAD", I915Ioctls.GemPread, S("drm_i915_gem_pread", 32,
            Handle("handle", 0), Pad("pad", 4), U64("offset", 8, 0, 8, 4096, 4092), Count("size", 16, 8), Buf("data_ptr", 24, "size", 8192))),
        new("I915_GEM_PWRITE", I915Ioctls.GemPwrite, S("drm_i915_gem_pwrite", 32,
            Handle("handle", 0), Pad("pad", 4), U64("offset", 8, 0, 0, 0, 8, 4096), Count("size", 16, 8),
            Buf("data_ptr", 24, "size", 256) with { Content = FuzzContent.I915Batch })) { Weight = 12 },
        new("I915_GEM_MMAP", I915Ioctls.GemMmap, S("drm_i915_gem_mmap", 40,
            Handle("handle", 0), Pad("pad", 4), U64("offset", 8, 0, 4096), Size("size", 16, 8, 4096, 8192), Out("addr_ptr", 24, 8),
            Flags("flags", 32, 8, 1))) { Weight = 4 },
        new("I915_GEM_SET_DOMAIN", I915Ioctls.GemSetDomain, S("drm_i915_gem_set_domain", 12,
            Handle("handle", 0), Flags("read_domains", 4, 4, Domains), Flags("write_domain", 8, 4, Domains))),
        new("I915_GEM_SW_FINISH", I915Ioctls.GemSwFinish, S("drm_i915_gem_sw_finish", 4, Handle("handle", 0))) { Weight = 4 },
        new("I915_GEM_SET_TILING", I915Ioctls.GemSetTiling, S("drm_i915_gem_set_tiling", 16,
            Handle("handle", 0), Enum("tiling_mode", 4, 4, 0, 1, 2, 3), U32("stride", 8, 0, 512, 4096, 128), Out("swizzle_mode", 12))) { Weight = 6 },
        new("I915_GEM_GET_TILING", I915Ioctls.GemGetTiling, S("drm_i915_gem_get_tiling", 16,
            Handle("handle", 0), Out("tiling_mode", 4), Out("swizzle_mode", 8), Out("phys_swizzle_mode", 12))) { Weight = 4 },
        new("I915_GEM_MMAP_OFFSET", I915Ioctls.GemMmapOffset, S("drm_i915_gem_mmap_offset", 32,
            Handle("handle", 0), Pad("pad", 4), ResOut("offset", 8, 8, ResourceKind.MmapOffset), Enum("flags", 16, 8, 0, 1, 2, 3, 4),
            Pad("extensions", 24, 8))),
        new("I915_GEM_MADVISE", I915Ioctls.GemMadvise, S("drm_i915_gem_madvise", 12,
            Handle("handle", 0), Enum("madv", 4, 4, 0, 1, 2), Out("retained", 8))),
        new("I915_GEM_WAIT", I915Ioctls.GemWait, S("drm_i915_gem_wait", 16, Handle("bo_handle", 0), Pad("flags", 4), RelNs("timeout_ns", 8))),
        new("I915_GEM_SET_CACHING", I915Ioctls.GemSetCaching, S("drm_i915_gem_caching", 8, Handle("handle", 0), Enum("caching", 4, 4, 0, 1, 2))) { Weight = 4 },
        new("I915_GEM_GET_CACHING", I915Ioctls.GemGetCaching, S("drm_i915_gem_caching", 8, Handle("handle", 0), Out("caching", 4))) { Weight = 3 },
        new("I915_GEM_USERPTR", I915Ioctls.GemUserptr, S("drm_i915_gem_userptr", 24,
            UserRange("user_ptr", 0, "user_size"), Size("user_size", 8, 8, 4096, 8192, 16384),
            Flags("flags", 16, 4, I915UserptrFlags.ReadOnly | I915UserptrFlags.Probe),
            ResOut("handle", 20, 4, ResourceKind.GemHandle)))
        {
            Weight = 8,
            Oracle = I915Oracles.UserptrAligned,
        },
    ];
}
