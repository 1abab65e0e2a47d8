using Igt.Kernel.Process;

namespace Igt.Drm.Fences;

/// <summary>An fd for a syncobj (SYNCOBJ_HANDLE_TO_FD without EXPORT_SYNC_FILE), importable into another file.</summary>
public sealed class SyncobjFile(DrmSyncobj syncobj) : KFile
{
    public DrmSyncobj Syncobj { get; } = syncobj;

    public override string Name => "anon_inode:syncobj_file";
}
