using Igt.Drm.Fences;
using Igt.Kernel;
using Igt.Kernel.Mm;
using Igt.Kernel.Process;

namespace Igt.Drm.Prime;

/// <summary>
/// struct dma_buf: an fd-backed buffer shared between devices and the CPU, whatever exported it (a GEM object, a
/// dma-heap). It keeps the attachments and their combined constraints, the reservation object carrying the
/// implicit fences, DMA_BUF_IOCTL_SYNC (wait, then the exporter's cache maintenance) and poll. Exporters implement
/// the backing: placement (possibly deferred to first use), pages, pinning and mmap.
/// </summary>
public abstract class DmaBuf : KFile
{
    private readonly object _attachLock = new();
    private readonly List<DmaBufAttachment> _attachments = new();

    protected DmaBuf(Machine machine, ulong size, DmaResv resv, string expName)
    {
        Machine = machine;
        Size = size;
        Resv = resv;
        ExpName = expName;
        Flags = OpenFlags.ReadWrite;
    }

    public Machine Machine { get; }

    public ulong Size { get; }

    public int PageCount => (int)(Size >> PageAllocator.PageShift);

    public DmaResv Resv { get; }

    /// <summary>exp_name: the exporter's name as /sys/kernel/debug/dma_buf/bufinfo prints it.</summary>
    public string ExpName { get; }

    public string? BufName { get; private set; }

    public override string Name => "anon_inode:dmabuf";

    public IReadOnlyList<DmaBufAttachment> Attachments
    {
        get { lock (_attachLock) return _attachments.ToArray(); }
    }

    /// <summary>Requirements of the exporter's own device (none for a heap).</summary>
    protected virtual DmaConstraints ExporterConstraints => DmaConstraints.CoherentIommu;

    /// <summary>
    /// Where backing storage must be placed: the union of the exporter's and every attached device's constraints
    /// (with IgnoreAttachConstraints, the exporter's alone).
    /// </summary>
    public DmaConstraints PlacementConstraints
    {
        get
        {
            var c = ExporterConstraints;
            if (Bug(DmaBufBugs.IgnoreAttachConstraints))
                return c;
            foreach (var a in Attachments)
                c = c.Union(a.Importer.Dma);
            return c;
        }
    }

    /// <summary>The backing pages in buffer order (PageRef.None where not allocated or not resident).</summary>
    public abstract IReadOnlyList<PageRef> SnapshotPages();

    /// <summary>The resident page at <paramref name="index"/> without allocating.</summary>
    public virtual PageRef PeekPage(int index)
    {
        var pages = SnapshotPages();
        return (uint)index < (uint)pages.Count ? pages[index] : PageRef.None;
    }

    /// <summary>True once backing storage was placed (a later attach must fit it).</summary>
    public virtual bool IsPlaced => SnapshotPages().Any(p => !p.IsNone);

    /// <summary>
    /// dma_buf_attach(): 0, or -EINVAL when the buffer is already placed where <paramref name="importer"/> cannot
    /// reach it (it needs contiguous memory, or memory below its DMA mask).
    /// </summary>
    public virtual int Attach(DrmDevice importer, out DmaBufAttachment? attach)
    {
        attach = null;
        // The placement is read without the attachment lock held: the exporter's object lock is taken first
        // elsewhere (deferred placement reads the attachments under it). A placement racing this attach is
        // still checked when the new device maps the buffer.
        if (!Bug(DmaBufBugs.IgnoreAttachConstraints) && IsPlaced)
        {
            if (!PlacementConstraints.Union(importer.Dma).IsSatisfiedBy(SnapshotPages()))
            {
                importer.DevDbg($"dma-buf {ExpName}: already placed where the device cannot reach it ({importer.Dma})");
                return -Errno.EINVAL;
            }
        }
        attach = new DmaBufAttachment(this, importer);
        lock (_attachLock)
            _attachments.Add(attach);
        return 0;
    }

    public virtual void Detach(DmaBufAttachment attach)
    {
        lock (_attachLock)
            _attachments.Remove(attach);
        for (; attach.MapCount > 0; attach.MapCount--)
            UnpinBacking();
    }

    /// <summary>
    /// dma_buf_map_attachment(): places the backing if this is its first use (deferred allocation), checks the
    /// importing device can reach it (the DMA API's check), pins it and cleans the CPU caches for a non-coherent
    /// device (dma_map_sgtable). 0 or -errno.
    /// </summary>
    public int MapAttachment(DmaBufAttachment attach)
    {
        var err = PinBacking();
        if (err != 0)
            return err;
        var pages = SnapshotPages();
        var dma = attach.Importer.Dma;
        if (!dma.IsSatisfiedBy(pages))
        {
            UnpinBacking();
            var high = pages.Where(p => !p.IsNone).Select(p => p.PhysAddr).DefaultIfEmpty().Max();
            if (high + PageAllocator.PageSize > dma.AddressLimit)
            {
                Machine.Report.Warn("dma_direct_map_sg",
                    $"{attach.Importer.Driver.Name} {attach.Importer.DevName}: DMA addr 0x{high:x}+{PageAllocator.PageSize} overflow (mask {dma.AddressLimit - 1:x}, bus limit 0).");
                return -Errno.EIO;
            }
            attach.Importer.DevDbg($"dma-buf {ExpName}: not contiguous, the device has no IOMMU");
            return -Errno.EINVAL;
        }
        if (!dma.Coherent)
            foreach (var p in pages)
                Machine.Pages.CpuCache.CleanInvalidate(p);
        lock (_attachLock)
            attach.MapCount++;
        return 0;
    }

    public void UnmapAttachment(DmaBufAttachment attach)
    {
        lock (_attachLock)
        {
            if (attach.MapCount == 0)
                return;
            attach.MapCount--;
        }
        UnpinBacking();
    }

    /// <summary>A page of the buffer for a device or CPU mapping, placing the backing first if needed.</summary>
    public abstract int GetPage(int index, out PageRef page);

    /// <summary>Makes every page resident (placing it on first use) and keeps it there. 0 or -errno.</summary>
    protected abstract int PinBacking();

    protected abstract void UnpinBacking();

    /// <summary>True when CPU caches must be maintained around CPU access: a non-coherent device uses the memory.</summary>
    protected virtual bool NeedsCpuMaintenance => Attachments.Any(a => a.MapCount > 0 && !a.Importer.Dma.Coherent);

    /// <summary>begin_cpu_access (SYNC START): dma_sync_sgtable_for_cpu, which invalidates unless CPU-to-device only.</summary>
    protected virtual int BeginCpuAccess(ulong direction)
    {
        if (NeedsCpuMaintenance && (direction & DmaBufSync.Read) != 0)
            foreach (var p in SnapshotPages())
                Machine.Pages.CpuCache.Invalidate(p);
        return 0;
    }

    /// <summary>end_cpu_access (SYNC END): dma_sync_sgtable_for_device, cleaning CPU writes out to memory.</summary>
    protected virtual int EndCpuAccess(ulong direction)
    {
        if (!NeedsCpuMaintenance)
            return 0;
        foreach (var p in SnapshotPages())
        {
            if ((direction & DmaBufSync.Write) != 0)
                Machine.Pages.CpuCache.Clean(p);
            else
                Machine.Pages.CpuCache.Invalidate(p);
        }
        return 0;
    }

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
            if (Bug(DmaBufBugs.SyncIoctlNoop))
                return 0;
            var dir = flags & DmaBufSync.Rw;
            if ((flags & DmaBufSync.End) != 0)
                return EndCpuAccess(dir);
            // dma_buf_begin_cpu_access: wait (interruptibly) for the implicit fences first — writers before a
            // read, everyone before a write — then let the exporter invalidate what the device wrote.
            var r = Resv.Wait((dir & DmaBufSync.Write) != 0 ? DmaResvUsage.Read : DmaResvUsage.Write, interruptible: true);
            return r < 0 ? (int)r : BeginCpuAccess(dir);
        }
        if (cmd == DmaBufSync.IoctlSetNameA || cmd == DmaBufSync.IoctlSetNameB)
        {
            // strndup_user(arg, DMA_BUF_NAME_LEN): byte by byte up to the terminator; too long is -EINVAL.
            var name = new byte[32];
            var len = -1;
            for (var i = 0; i < name.Length && len < 0; i++)
            {
                if (task.Mm.CopyFromUser(name.AsSpan(i, 1), arg + (ulong)i) != 0)
                    return -Errno.EFAULT;
                if (name[i] == 0)
                    len = i;
            }
            if (len < 0)
                return -Errno.EINVAL;
            BufName = System.Text.Encoding.UTF8.GetString(name, 0, len);
            return 0;
        }
        return -Errno.ENOTTY;
    }

    /// <summary>dma_buf_mmap: offsets are relative to the buffer; beyond it -EINVAL; then the exporter maps.</summary>
    public override int Mmap(Vma vma)
    {
        var pages = vma.Length >> PageAllocator.PageShift;
        if (vma.PgOff + pages > (ulong)PageCount || vma.PgOff + pages < vma.PgOff)
            return -Errno.EINVAL;
        return MmapExporter(vma);
    }

    /// <summary>The exporter's mmap (dma_buf_ops.mmap).</summary>
    protected abstract int MmapExporter(Vma vma);

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

    protected bool Bug(string name) => Machine.BugEnabled(DmaBufBugs.Driver, name);
}
