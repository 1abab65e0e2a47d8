using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Gem;
using Igt.Drm.Ioctl;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_drv.c: identity, the ioctl table (all DRM_RENDER_ALLOW) and the per-file and per-object hooks. No
/// DRIVER_SYNCOBJ: the core answers the syncobj ioctls with -EOPNOTSUPP.
/// </summary>
public sealed partial class EtnavivDriver : DrmDriver
{
    private static readonly TimeSpan EntityFlushTimeout = TimeSpan.FromSeconds(1);

    public EtnavivDriver()
    {
        const DrmIoctlFlags R = DrmIoctlFlags.RenderAllow;
        Ioctls =
        [
            new DrmIoctlDesc(EtnavivIoctls.GetParam, R, GetParam, "ETNAVIV_GET_PARAM"),
            null, // SET_PARAM: reserved, never implemented
            new DrmIoctlDesc(EtnavivIoctls.GemNew, R, GemNew, "ETNAVIV_GEM_NEW"),
            new DrmIoctlDesc(EtnavivIoctls.GemInfo, R, GemInfo, "ETNAVIV_GEM_INFO"),
            new DrmIoctlDesc(EtnavivIoctls.GemCpuPrep, R, GemCpuPrep, "ETNAVIV_GEM_CPU_PREP"),
            new DrmIoctlDesc(EtnavivIoctls.GemCpuFini, R, GemCpuFini, "ETNAVIV_GEM_CPU_FINI"),
            new DrmIoctlDesc(EtnavivIoctls.GemSubmit, R, EtnavivGemSubmit.Ioctl, "ETNAVIV_GEM_SUBMIT"),
            new DrmIoctlDesc(EtnavivIoctls.WaitFence, R, WaitFence, "ETNAVIV_WAIT_FENCE"),
            new DrmIoctlDesc(EtnavivIoctls.GemUserptr, R, GemUserptr, "ETNAVIV_GEM_USERPTR"),
            new DrmIoctlDesc(EtnavivIoctls.GemWait, R, GemWait, "ETNAVIV_GEM_WAIT"),
            new DrmIoctlDesc(EtnavivIoctls.PmQueryDom, R, PmQueryDom, "ETNAVIV_PM_QUERY_DOM"),
            new DrmIoctlDesc(EtnavivIoctls.PmQuerySig, R, PmQuerySig, "ETNAVIV_PM_QUERY_SIG"),
        ];
    }

    public override string Name => "etnaviv";

    public override string Desc => "etnaviv DRM";

    public override string Date => "20151214";

    public override int Major => 1;

    public override int Minor => 4;

    public override DriverFeatures Features => DriverFeatures.Gem | DriverFeatures.Render;

    public override IReadOnlyList<DrmIoctlDesc?> Ioctls { get; }

    public EtnavivDrmPrivate Priv { get; private set; } = null!;

    public static EtnavivDrmPrivate PrivOf(DrmDevice dev) => ((EtnavivDriver)dev.Driver).Priv;

    internal int Load(DrmDevice dev, EtnavivChipIdentity identity, string coreName)
    {
        Priv = new EtnavivDrmPrivate(dev);
        return Priv.Load(identity, coreName);
    }

    /// <summary>etnaviv_open(): the client's MMU context (the shared one on MMUv1) and a scheduler entity per core.</summary>
    public override int Open(DrmDevice dev, DrmFile file)
    {
        var err = Priv.MmuGlobal.ContextInit(out var mmu);
        if (err != 0)
            return err;
        var ctx = new EtnavivFilePrivate(mmu!);
        foreach (var gpu in Priv.Gpus.OfType<EtnavivGpu>())
            ctx.SchedEntity[gpu.Pipe] = gpu.Sched.CreateEntity();
        file.DriverPriv = ctx;
        Priv.FileOpened();
        return 0;
    }

    /// <summary>
    /// etnaviv_postclose(): like drm_sched_entity_destroy(), waits (up to a second) for the client's queued jobs to
    /// reach the hardware, then drops the entities and the MMU context.
    /// </summary>
    public override void Postclose(DrmDevice dev, DrmFile file)
    {
        if (file.DriverPriv is not EtnavivFilePrivate ctx)
            return;
        var queued = ctx.TakeQueued();
        if (queued.Count > 0)
            DmaFence.WaitMany(queued, waitAll: true, interruptible: false, (long)EntityFlushTimeout.TotalNanoseconds, out _);
        foreach (var gpu in Priv.Gpus.OfType<EtnavivGpu>())
        {
            if (ctx.SchedEntity[gpu.Pipe] is { } e)
                gpu.Sched.DestroyEntity(e);
        }
        ctx.Mmu.Put();
        file.DriverPriv = null;
        Priv.FileClosed();
    }

    public override void GemFree(GemObject obj)
    {
        if (obj is EtnavivGem e)
            e.ReleaseAllMappings();
    }

    /// <summary>
    /// etnaviv_gem_mmap(): faults map one page at a time, with the BO's cache mode. The GPU does not snoop CPU
    /// caches, so a CACHED mapping needs CPU_PREP/CPU_FINI around CPU access. Userptr BOs have no mmap.
    /// </summary>
    public override int GemMmap(GemObject obj, Vma vma)
    {
        if (obj is not EtnavivGem e || e.IsUserptr)
            return -Errno.EINVAL;
        var err = base.GemMmap(obj, vma);
        if (err != 0)
            return err;
        vma.Ops = EtnavivGemVmOps.Instance;
        vma.CacheMode = e.CacheMode;
        vma.NonCoherent = true;
        return 0;
    }

    /// <summary>etnaviv_gem_prime_import_sg_table(): an etnaviv object over the attachment's pages.</summary>
    public override int GemPrimeImport(DrmDevice dev, Igt.Drm.Prime.DmaBuf buf, out GemObject? obj)
    {
        obj = null;
        var err = buf.Attach(dev, out var attach);
        if (err != 0)
            return err;
        obj = new EtnavivGem(Priv, attach!);
        return 0;
    }

    public override void Unplug(DrmDevice dev) => Priv.Unplug();

    public override void Shutdown(DrmDevice dev) => Priv.Shutdown();

    public override void RegisterDebugfs(DrmDevice dev, KernelFsDir dir)
    {
        dir.Add("gpu", () => EtnavivDebugfs.Gpu(Priv));
        dir.Add("gem", () => EtnavivDebugfs.Gem(Priv));
        dir.Add("ring", () => EtnavivDebugfs.Ring(Priv));
    }
}
