using Igt.Drm.Gem;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drm.Prime;

/// <summary>
/// drm_gem_prime_export: a dma-buf whose backing is a GEM object of the exporting device. Allocation stays deferred
/// (shmem pages appear on first use), and the first use after attachments places them for every attached device.
/// mmap goes to the driver's GEM mmap; SYNC maintains the CPU caches when the exporter or a mapped importer does not
/// snoop them.
/// </summary>
public class GemDmaBuf : DmaBuf
{
    public GemDmaBuf(GemObject obj) : base(obj.Dev.Machine, obj.Size, obj.Resv, obj.Dev.Driver.Name)
    {
        Obj = obj;
        obj.Get();
    }

    /// <summary>The exporter's object (dma_buf->priv).</summary>
    public GemObject Obj { get; }

    public DrmDevice Exporter => Obj.Dev;

    protected override DmaConstraints ExporterConstraints => Obj.Dev.Dma;

    protected override bool NeedsCpuMaintenance => !Obj.Dev.Dma.Coherent || base.NeedsCpuMaintenance;

    public override IReadOnlyList<PageRef> SnapshotPages() => Obj.SnapshotPages();

    public override PageRef PeekPage(int index) => Obj.PeekPage(index);

    public override bool IsPlaced => Obj.ResidentPages > 0 || Obj.SwappedPages > 0;

    public override int GetPage(int index, out PageRef page) => Obj.GetPage(index, out page);

    protected override int PinBacking() => Obj.PinPages();

    protected override void UnpinBacking() => Obj.UnpinPages();

    /// <summary>drm_gem_dmabuf_mmap → the driver's GEM mmap with the exporter's caching and vm ops.</summary>
    protected override int MmapExporter(Vma vma)
    {
        if (!Exporter.Enter())
            return -Errno.ENODEV;
        try
        {
            var pgoff = vma.PgOff;
            var err = Exporter.Driver.GemMmap(Obj, vma);
            vma.PgOff = pgoff;
            return err;
        }
        finally
        {
            Exporter.Exit();
        }
    }

    protected override void Release()
    {
        lock (Obj.Lock)
        {
            if (ReferenceEquals(Obj.DmaBuf, this))
                Obj.DmaBuf = null;
        }
        Obj.Put();
    }
}
