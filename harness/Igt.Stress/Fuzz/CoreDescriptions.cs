using Igt.Drm.Uapi;
using static Igt.Stress.Fuzz.F;

namespace Igt.Stress.Fuzz;

/// <summary>drm.h: the core ioctls every DRM device answers (drm_ioctls[] in drm_ioctl.c), typed for the fuzzer.</summary>
public static class CoreDescriptions
{
    public static IReadOnlyList<FuzzIoctl> All { get; } =
    [
        new("VERSION", DrmIoctls.Version, S("drm_version", 64,
            Int("version_major", 0, 4), Int("version_minor", 4, 4), Int("version_patchlevel", 8, 4),
            Count("name_len", 16, 8), Buf("name", 24, "name_len", 64),
            Count("date_len", 32, 8), Buf("date", 40, "date_len", 64),
            Count("desc_len", 48, 8), Buf("desc", 56, "desc_len", 64))) { Weight = 3 },
        new("GET_MAGIC", DrmIoctls.GetMagic, S("drm_auth", 4, Out("magic", 0))) { Weight = 2 },
        new("SET_VERSION", DrmIoctls.SetVersion, S("drm_set_version", 16,
            Int("di_major", 0, 4, 1, 0xffffffff), Int("di_minor", 4, 4, 4, 0xffffffff),
            Int("dd_major", 8, 4, 0xffffffff, 1), Int("dd_minor", 12, 4, 0xffffffff, 0))) { Weight = 2 },
        new("GEM_CLOSE", DrmIoctls.GemClose, S("drm_gem_close", 8, Handle("handle", 0), Pad("pad", 4))) { Weight = 8 },
        new("GEM_FLINK", DrmIoctls.GemFlink, S("drm_gem_flink", 8, Handle("handle", 0), ResOut("name", 4, 4, ResourceKind.FlinkName))),
        new("GEM_OPEN", DrmIoctls.GemOpen, S("drm_gem_open", 16,
            Res("name", 0, 4, ResourceKind.FlinkName), ResOut("handle", 4, 4, ResourceKind.GemHandle), Out("size", 8, 8))),
        new("GET_CAP", DrmIoctls.GetCap, S("drm_get_cap", 16,
            Enum("capability", 0, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15), Out("value", 8, 8))) { Weight = 3 },
        new("SET_CLIENT_CAP", DrmIoctls.SetClientCap, S("drm_set_client_cap", 16,
            Enum("capability", 0, 8, 1, 2, 3, 4, 5, 6, 7), Enum("value", 8, 8, 0, 1))) { Weight = 2 },
        new("UPDATE_DRAW", DrmIoctls.UpdateDraw, S("drm_update_draw", 24,
            U32("handle", 0), U32("type", 4), U32("num", 8), Pad("pad", 12), U64("data", 16))) { Weight = 1 },
        new("AUTH_MAGIC", DrmIoctls.AuthMagic, S("drm_auth", 4, U32("magic", 0, 0, 1, 2))) { Weight = 2 },
        new("PRIME_HANDLE_TO_FD", DrmIoctls.PrimeHandleToFd, S("drm_prime_handle", 12,
            Handle("handle", 0), Flags("flags", 4, 4, DrmIoctls.DrmCloexec | DrmIoctls.DrmRdwr), ResOut("fd", 8, 4, ResourceKind.Fd))),
        new("PRIME_FD_TO_HANDLE", DrmIoctls.PrimeFdToHandle, S("drm_prime_handle", 12,
            ResOut("handle", 0, 4, ResourceKind.GemHandle), Pad("flags", 4), Fd("fd", 8))),
        new("MODE_CREATE_DUMB", DrmIoctls.ModeCreateDumb, S("drm_mode_create_dumb", 32,
            Size("height", 0, 4, 1, 16, 64, 480), Size("width", 4, 4, 1, 16, 64, 640), Enum("bpp", 8, 4, 8, 16, 24, 32),
            Flags("flags", 12, 4, 0), ResOut("handle", 16, 4, ResourceKind.GemHandle), Out("pitch", 20), Out("size", 24, 8))) { Weight = 12 },
        new("MODE_MAP_DUMB", DrmIoctls.ModeMapDumb, S("drm_mode_map_dumb", 16,
            Handle("handle", 0), Pad("pad", 4), ResOut("offset", 8, 8, ResourceKind.MmapOffset))),
        new("MODE_DESTROY_DUMB", DrmIoctls.ModeDestroyDumb, S("drm_mode_destroy_dumb", 4, Handle("handle", 0))) { Weight = 4 },
        new("SYNCOBJ_CREATE", DrmIoctls.SyncobjCreate, S("drm_syncobj_create", 8,
            ResOut("handle", 0, 4, ResourceKind.Syncobj), Flags("flags", 4, 4, DrmIoctls.SyncobjCreateSignaled))) { Weight = 12 },
        new("SYNCOBJ_DESTROY", DrmIoctls.SyncobjDestroy, S("drm_syncobj_destroy", 8, Syncobj("handle", 0), Pad("pad", 4))) { Weight = 4 },
        new("SYNCOBJ_HANDLE_TO_FD", DrmIoctls.SyncobjHandleToFd, S("drm_syncobj_handle", 16,
            Syncobj("handle", 0), Flags("flags", 4, 4, DrmIoctls.SyncobjHandleToFdFlagsExportSyncFile),
            ResOut("fd", 8, 4, ResourceKind.Fd), Pad("pad", 12))),
        new("SYNCOBJ_FD_TO_HANDLE", DrmIoctls.SyncobjFdToHandle, S("drm_syncobj_handle", 16,
            ResOut("handle", 0, 4, ResourceKind.Syncobj), Flags("flags", 4, 4, DrmIoctls.SyncobjFdToHandleFlagsImportSyncFile),
            Fd("fd", 8), Pad("pad", 12))),
        new("SYNCOBJ_WAIT", DrmIoctls.SyncobjWait, S("drm_syncobj_wait", 40,
            Array("handles", 0, HandleArray(ResourceKind.Syncobj), "count_handles"), AbsNs("timeout_nsec", 8),
            Count("count_handles", 16), Flags("flags", 20, 4, 0xf), Out("first_signaled", 24), Pad("pad", 28), AbsNs("deadline_nsec", 32))),
        new("SYNCOBJ_RESET", DrmIoctls.SyncobjReset, S("drm_syncobj_array", 16,
            Array("handles", 0, HandleArray(ResourceKind.Syncobj), "count_handles"), Count("count_handles", 8), Pad("pad", 12))),
        new("SYNCOBJ_SIGNAL", DrmIoctls.SyncobjSignal, S("drm_syncobj_array", 16,
            Array("handles", 0, HandleArray(ResourceKind.Syncobj), "count_handles"), Count("count_handles", 8), Pad("pad", 12))),
    ];
}
