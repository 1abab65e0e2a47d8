using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Gem;
using Igt.Drm.Ioctl;
using Igt.Drm.Prime;
using Igt.Kernel;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// panfrost_drv.c: the driver identity, the ioctl table and the DRM hooks. The ioctl handlers live in the
/// partial files beside this one, one per group, each shaped like the kernel's: check, look up, act, unwind.
/// </summary>
public sealed partial class PanfrostDriver : DrmDriver
{
    private readonly Machine _machine;
    private readonly PanfrostSpec _spec;
    private PanfrostDevice? _pfdev;

    public PanfrostDriver(Machine machine, PanfrostSpec spec)
    {
        _machine = machine;
        _spec = spec;
        Minor = MinorFor(machine.Version);
        Ioctls =
        [
            new DrmIoctlDesc(PanfrostIoctls.Submit, DrmIoctlFlags.RenderAllow, Submit, "SUBMIT"),
            new DrmIoctlDesc(PanfrostIoctls.WaitBo, DrmIoctlFlags.RenderAllow, WaitBo, "WAIT_BO"),
            new DrmIoctlDesc(PanfrostIoctls.CreateBo, DrmIoctlFlags.RenderAllow, CreateBo, "CREATE_BO"),
            new DrmIoctlDesc(PanfrostIoctls.MmapBo, DrmIoctlFlags.RenderAllow, MmapBo, "MMAP_BO"),
            new DrmIoctlDesc(PanfrostIoctls.GetParam, DrmIoctlFlags.RenderAllow, GetParam, "GET_PARAM"),
            new DrmIoctlDesc(PanfrostIoctls.GetBoOffset, DrmIoctlFlags.RenderAllow, GetBoOffset, "GET_BO_OFFSET"),
            new DrmIoctlDesc(PanfrostIoctls.PerfcntEnable, DrmIoctlFlags.RenderAllow, PerfcntEnable, "PERFCNT_ENABLE"),
            new DrmIoctlDesc(PanfrostIoctls.PerfcntDump, DrmIoctlFlags.RenderAllow, PerfcntDump, "PERFCNT_DUMP"),
            new DrmIoctlDesc(PanfrostIoctls.Madvise, DrmIoctlFlags.RenderAllow, Madvise, "MADVISE"),
        ];
    }

    public override string Name => "panfrost";

    public override string Desc => "panfrost DRM";

    public override string Date => "20180908";

    public override int Major => 1;

    public override int Minor { get; }

    public override DriverFeatures Features => DriverFeatures.Render | DriverFeatures.Gem | DriverFeatures.Syncobj;

    public override IReadOnlyList<DrmIoctlDesc?> Ioctls { get; }

    public PanfrostDevice Pfdev => _pfdev ?? throw new InvalidOperationException("panfrost device not bound");

    /// <summary>
    /// The uAPI version of the kernel being emulated: 1.1 (5.3) HEAP/NOEXEC and MADVISE, 1.2 (5.19) AFBC_FEATURES,
    /// 1.3 (6.10) JD_REQ_CYCLE_COUNT and the SYSTEM_TIMESTAMP params. 1.4 (SET_LABEL_BO) is not emulated.
    /// </summary>
    public static int MinorFor(KernelVersion v) =>
        v.AtLeast(6, 10) ? 3 : v.AtLeast(5, 19) ? 2 : v.AtLeast(5, 3) ? 1 : 0;

    internal void Bind(DrmDevice dev)
    {
        _pfdev = new PanfrostDevice(dev, _spec, Minor);
        _pfdev.Init();
    }

    /// <summary>panfrost_open(): a fresh address space and one scheduler entity per slot.</summary>
    public override int Open(DrmDevice dev, DrmFile file)
    {
        var err = Pfdev.CreateMmu(out var mmu);
        if (err != 0)
            return err;
        file.DriverPriv = new PanfrostFilePriv(Pfdev, file, mmu!);
        return 0;
    }

    /// <summary>panfrost_postclose(): perfcnt, then panfrost_job_close (queued jobs cancelled, running ones killed), then the AS.</summary>
    public override void Postclose(DrmDevice dev, DrmFile file)
    {
        if (file.DriverPriv is not PanfrostFilePriv priv)
            return;
        Pfdev.Perfcnt.Close(priv);
        for (var i = 0; i < priv.Entities.Length; i++)
            Pfdev.Queues[i].Sched.DestroyEntity(priv.Entities[i]);
        Pfdev.Reset.KillFile(priv);
        priv.Mmu.Put();
    }

    /// <summary>panfrost_gem_open(): a new mapping of the BO in the file's address space.</summary>
    public override int GemOpen(GemObject obj, DrmFile file)
    {
        if (obj is not PanfrostGem bo)
            return -Errno.EINVAL;
        var priv = PanfrostFilePriv.Of(file);
        if (Pfdev.Bug(KnownBugs.MappingOnObject) && bo.Mappings.Count > 0)
            return 0; // pre-fix: the one mapping hangs off the object, whoever opens it
        var err = PanfrostGemMapping.Create(bo, priv.Mmu, out var mapping);
        if (err != 0)
            return err;
        bo.AddMapping(mapping!);
        return 0;
    }

    /// <summary>panfrost_gem_close(): unlink this file's mapping and drop the list's reference.</summary>
    public override void GemClose(GemObject obj, DrmFile file)
    {
        if (obj is not PanfrostGem bo)
            return;
        if (Pfdev.Bug(KnownBugs.MappingOnObject))
        {
            // pre-fix: closing a handle tears the object's mapping down, jobs or not.
            var m = bo.RemoveMapping(null);
            m?.Teardown();
            m?.Put();
            return;
        }
        bo.RemoveMapping(PanfrostFilePriv.Of(file).Mmu)?.Put();
    }

    /// <summary>panfrost_gem_free_object(): off the shrinker list; a mapping left here is a refcount bug.</summary>
    public override void GemFree(GemObject obj)
    {
        if (obj is not PanfrostGem bo)
            return;
        lock (Pfdev.ShrinkerLock)
        {
            if (bo.OnShrinkerList)
            {
                Pfdev.ShrinkerList.Remove(bo);
                bo.OnShrinkerList = false;
            }
        }
        if (bo.Mappings.Count > 0)
            Pfdev.Machine.Report.Warn("panfrost_gem_free_object", "WARN_ON_ONCE(!list_empty(&bo->mappings.list))");
    }

    /// <summary>panfrost_gem_prime_import_sg_table(): another device's buffer, always NOEXEC.</summary>
    public override int GemPrimeImport(DrmDevice dev, DmaBuf buf, out GemObject? obj)
    {
        obj = null;
        var err = buf.Attach(dev, out var attach);
        if (err != 0)
            return err;
        obj = new PanfrostGem(Pfdev, attach!);
        return 0;
    }

    public override void Unplug(DrmDevice dev) => StopHardware();

    public override void Shutdown(DrmDevice dev) => StopHardware();

    private void StopHardware()
    {
        if (_pfdev is null)
            return;
        foreach (var q in _pfdev.Queues)
            q.Sched.Stop();
        _pfdev.Reset.Shutdown();
        _machine.Pages.UnregisterShrinker(_pfdev.Shrinker);
    }
}
