namespace Igt.Drivers.Panfrost;

/// <summary>
/// Historical panfrost defects the emulation can re-create, each switched per machine
/// (MachineConfig.WithBug("panfrost", name)) and off by default. The tests in tests/Panfrost must catch each one.
/// </summary>
public static class KnownBugs
{
    public const string Driver = "panfrost";

    /// <summary>
    /// One GPU mapping attached to the GEM object, torn down when a handle is closed even while jobs still use it,
    /// and shared (same VA, first opener's address space) by every file that opens the BO. The pre-5.5 behaviour:
    /// dri-devel, "[PATCH 7/8] drm/panfrost: Add the panfrost_gem_mapping concept" (Boris Brezillon, Nov 2019):
    /// "mappings were teared down (GEM handle closed by userspace) while GPU jobs accessing those BOs were still
    /// in-flight" and "the same BO can be mapped in different address space ... (GEM_FLINK) ... dma-buf
    /// self-imports for wayland/dri3" (Daniel Vetter). Symptom: GPU page faults, or writes landing in another BO.
    /// </summary>
    public const string MappingOnObject = "MappingOnObject";

    /// <summary>
    /// The shrinker purges DONTNEED BOs that in-flight jobs still use (gpu_usecount ignored). Same thread: mesa
    /// returns BOs to its cache and marks them purgeable "as soon as the job has been submitted to the kernel ...
    /// kernel 5.4 with a recent mesa version is currently subject to GPU page-fault storms when the system starts
    /// reclaiming memory"; fixed by [PATCH 8/8] "drm/panfrost: Make sure the shrinker does not reclaim referenced BOs".
    /// </summary>
    public const string PurgeBusyObjects = "PurgeBusyObjects";

    /// <summary>
    /// A new BO may get pages that still hold old contents (the shmem pages are not cleared), what IGT's
    /// panfrost_gem_new@gem-new-zeroed guards against: "make sure it doesn't have the old contents".
    /// </summary>
    public const string LeakStaleContents = "LeakStaleContents";

    /// <summary>
    /// MADVISE(DONTNEED) is accepted on a BO mapped in more than one address space (flink/dma-buf shared), so the
    /// shrinker can purge it under the other users. The check ("If we want to mark the BO purgeable, there must be
    /// only one user: the caller FD") came with the same [PATCH 7/8] "drm/panfrost: Add the panfrost_gem_mapping
    /// concept", when a BO could first have several mappings.
    /// </summary>
    public const string MadviseSharedBo = "MadviseSharedBo";

    public static readonly IReadOnlyList<string> All = [MappingOnObject, PurgeBusyObjects, LeakStaleContents, MadviseSharedBo];
}
