namespace Igt.Drm.Prime;

/// <summary>struct dma_buf_attachment: an importing device attached to a dma-buf.</summary>
public sealed class DmaBufAttachment(DmaBuf buf, DrmDevice importer)
{
    public DmaBuf DmaBuf { get; } = buf;

    public DrmDevice Importer { get; } = importer;

    public bool Mapped { get; internal set; }
}
