using Igt.Drm.Fences;
using Igt.Drm.Gem;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drm.Prime;

/// <summary>
/// struct dma_buf exported from a GEM object: an fd-backed file whose lifetime is independent of the exporting
/// handle. mmap forwards to the exporter; DMA_BUF_IOCTL_SYNC brackets CPU access; poll reports implicit fences.
/// Exporters customise behaviour (cache maintenance, deferred allocation) by overriding the virtual hooks.
/// </summary>
public class DmaBuf : KFile
{
    private readonly object _lock = new();
    private readonly List<DmaBufAttachment> _attachments = new();

    public DmaBuf(GemObject obj)
    {
        Obj = obj;
        obj.Get();
        Flags = OpenFlags.ReadWrite;
    }

    /// <summary>The exporter's object (dma_buf->priv).</summary>
    public GemObject Obj { get; }

    public DrmDevice Exporter => Obj.Dev;

    public ulong Size => Obj.Size;

    public DmaResv Resv => Obj.Resv;

    public string? BufName { get; private set; }

    public override string Name => "anon_inode:dmabuf";

    public IReadOnlyList<DmaBufAttachment> Attachments
    {
        get { lock (_lock) return _attachments.ToArray(); }
    }

    /// <summary>dma_buf_attach(): null when the exporter refuses the importer (e.g. constraints it cannot meet).</summary>
    public virtual DmaBufAttachment? Attach(DrmDevice importer)
    {
        var a = new DmaBufAttachment(this, importer);
        lock (_lock)
            _attachments.Add(a);
        return a;
    }

    public virtual void Detach(DmaBufAttachment a)
    {
        lock (_lock)
            _attachments.Remove(a);
    }

    /// <summary>begin_cpu_access (SYNC START): 0 or -errno.</summary>
    protected virtual int BeginCpuAccess(ulong direction) => 0;

    /// <summary>end_cpu_access (SYNC END): 0 or -errno.</summary>
    protected virtual int EndCpuAccess(ulong direction) => 0;

    public override int Ioctl(TaskStruct task, uint cmd, ulong arg)
    {
        if (cmd == DmaBufSync.IoctlSync)
        {
            Span<byte> buf = stackalloc byte[8];
            if (task.Mm.CopyFromUser(buf, arg) != 0)
                return -Errno.EFAULT;
            var flags = BitConverter.ToUInt64(buf);
            if ((flags & ~DmaBufSync.ValidFlagsMask) != 0 || (flags & DmaBufSync.Rw) == 0)
                return -Errno.EINVAL;
            var dir = flags & DmaBufSync.Rw;
            if ((flags & DmaBufSync.End) != 0)
                return EndCpuAccess(dir);
            var err = BeginCpuAccess(dir);
            if (err != 0)
                return err;
            // dma_buf_begin_cpu_access then waits, interruptibly, for the implicit fences: writers before a read,
            // everyone before a write (dma_resv_usage_rw).
            var r = Resv.Wait((dir & DmaBufSync.Write) != 0 ? DmaResvUsage.Read : DmaResvUsage.Write, interruptible: true);
            return r < 0 ? (int)r : 0;
        }
        if (cmd == DmaBufSync.IoctlSetNameA || cmd == DmaBufSync.IoctlSetNameB)
        {
            var name = new byte[32];
            if (task.Mm.CopyFromUser(name, arg) != 0)
                return -Errno.EFAULT;
            var len = Array.IndexOf(name, (byte)0);
            BufName = System.Text.Encoding.UTF8.GetString(name, 0, len < 0 ? 32 : len);
            return 0;
        }
        return -Errno.ENOTTY;
    }

    /// <summary>dma_buf_mmap: offsets are relative to the buffer; beyond it -EINVAL; then the exporter maps.</summary>
    public override int Mmap(Vma vma)
    {
        var pages = vma.Length >> Igt.Kernel.Mm.PageAllocator.PageShift;
        if (vma.PgOff + pages > (ulong)Obj.PageCount || vma.PgOff + pages < vma.PgOff)
            return -Errno.EINVAL;
        return MmapExporter(vma);
    }

    /// <summary>The exporter's mmap (drm_gem_dmabuf_mmap → the driver's GEM mmap).</summary>
    protected virtual int MmapExporter(Vma vma)
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

    /// <summary>EPOLLIN once writers are done, EPOLLOUT once all fences are done (dma_buf_poll).</summary>
    public override PollEvents Poll()
    {
        var ev = PollEvents.None;
        if (Resv.TestSignaled(DmaResvUsage.Write))
            ev |= PollEvents.In;
        if (Resv.TestSignaled(DmaResvUsage.Read))
            ev |= PollEvents.Out;
        if (ev != (PollEvents.In | PollEvents.Out))
        {
            foreach (var f in Resv.GetFences(DmaResvUsage.Read))
                f.AddCallback(_ => PollWait.WakeUpAll());
        }
        return ev;
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
