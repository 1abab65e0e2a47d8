namespace Igt.Drm.Prime;

/// <summary>
/// A GEM object imported from another exporter's dma-buf with no driver-specific state: pages, pinning and the
/// reservation object come from the attachment (see the GemObject import constructor).
/// </summary>
public class ImportedGemObject(DrmDevice dev, DmaBufAttachment attach) : Gem.GemObject(dev, attach)
{
    public override string ToString() => base.ToString() + $" imported-from={ImportAttach!.DmaBuf.ExpName}";
}
