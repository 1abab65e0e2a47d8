using Igt.Drm.Gem;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drm.Prime;

/// <summary>
/// A GEM object imported from another device's dma-buf: no backing of its own, its pages are the exporter's
/// (the sg_table of the attachment). Pinning pins the exporter's object.
/// </summary>
public class ImportedGemObject : GemObject
{
    public ImportedGemObject(DrmDevice dev, DmaBufAttachment attach) : base(dev, attach.DmaBuf.Size)
    {
        ImportAttach = attach;
        attach.DmaBuf.Get();
        DmaBuf = attach.DmaBuf;
    }

    public GemObject Exported => ImportAttach!.DmaBuf.Obj;

    public override int GetPage(int index, out PageRef page) => Exported.GetPage(index, out page);

    public override int PinPages()
    {
        var err = Exported.PinPages();
        if (err == 0)
            ImportAttach!.Mapped = true;
        return err;
    }

    public override void UnpinPages() => Exported.UnpinPages();

    public override long EvictPages() => 0;

    public override long Purge() => 0;

    protected override void Free()
    {
        base.Free();
        var attach = ImportAttach!;
        attach.DmaBuf.Detach(attach);
        attach.DmaBuf.Put();
    }

    public override string ToString() => base.ToString() + $" imported-from={Exported.Dev.Driver.Name}";
}
