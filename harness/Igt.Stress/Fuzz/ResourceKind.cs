namespace Igt.Stress.Fuzz;

/// <summary>Kinds of kernel objects one call produces and later calls consume.</summary>
public enum ResourceKind
{
    None,

    /// <summary>A GEM handle (per DRM file).</summary>
    GemHandle,

    /// <summary>A syncobj handle (per DRM file).</summary>
    Syncobj,

    /// <summary>A global flink name.</summary>
    FlinkName,

    /// <summary>An fd of the task: dma-buf, sync_file or syncobj fd.</summary>
    Fd,

    /// <summary>A vgem fence id (per file).</summary>
    VgemFence,

    /// <summary>An etnaviv fence seqno (per GPU).</summary>
    GpuFence,

    /// <summary>A GPU virtual address of a BO (panfrost GET_BO_OFFSET / CREATE_BO).</summary>
    GpuVa,

    /// <summary>A fake mmap offset (MMAP_BO, GEM_INFO, MMAP_OFFSET).</summary>
    MmapOffset,
}
