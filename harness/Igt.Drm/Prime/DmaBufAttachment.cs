namespace Igt.Drm.Prime;

/// <summary>struct dma_buf_attachment: an importing device attached to a dma-buf.</summary>
public sealed class DmaBufAttachment(DmaBuf buf, DrmDevice importer)
{
    public DmaBuf DmaBuf { get; } = buf;

    public DrmDevice Importer { get; } = importer;

    /// <summary>Outstanding dma_buf_map_attachment calls (the importer uses the pages while &gt; 0).</summary>
    public int MapCount { get; internal set; }

    public bool Mapped => MapCount > 0;
}
