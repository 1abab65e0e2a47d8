using Igt.Drivers.I915.Gem;
using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Gem;
using Igt.Drm.Ioctl;
using Igt.Drm.Prime;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915;

/// <summary>
/// The i915 drm_driver (i915_driver.c): identity, features, the GEM ioctl table (every entry DRM_RENDER_ALLOW)
/// and the hooks: per-file context, handle close, object free, its own mmap of the DRM fd and dma-buf export.
/// </summary>
public sealed class I915Driver : DrmDriver, IPrimeExporter
{
    public const string DriverDate = "20201103";

    private readonly DrmIoctlDesc?[] _ioctls;

    public I915Driver(I915Platform platform)
    {
        Platform = platform;
        _ioctls = BuildTable();
    }

    public I915Platform Platform { get; }

    /// <summary>Set when the device binds.</summary>
    public I915Private? I915 { get; private set; }

    public override string Name => "i915";

    public override string Desc => "Intel Graphics";

    public override string Date => DriverDate;

    public override int Major => 1;

    public override int Minor => 6;

    public override DriverFeatures Features =>
        DriverFeatures.Gem | DriverFeatures.Modeset | DriverFeatures.Render | DriverFeatures.Syncobj | DriverFeatures.SyncobjTimeline;

    public override IReadOnlyList<DrmIoctlDesc?> Ioctls => _ioctls;

    internal void Bind(DrmDevice dev)
    {
        I915 = new I915Private(dev, Platform);
        dev.Machine.Pages.RegisterShrinker(I915.Shrinker);
    }

    /// <summary>i915_gem_open: the file's default context with a fresh ppGTT.</summary>
    public override int Open(DrmDevice dev, DrmFile file)
    {
        var err = I915Ppgtt.Create(I915!, out var vm);
        if (err != 0)
            return err;
        var owner = TaskStruct.Current ?? file.Owner;
        file.DriverPriv = new I915FilePrivate(new I915GemContext(vm!, $"{owner.Comm}[{owner.Pid}]"));
        return 0;
    }

    public override void Postclose(DrmDevice dev, DrmFile file)
    {
        if (file.DriverPriv is I915FilePrivate fpriv)
            fpriv.Context.Close();
        file.DriverPriv = null;
    }

    /// <summary>i915_gem_close_object: the file loses its mmap offsets; an idle VMA in its ppGTT is unbound.</summary>
    public override void GemClose(GemObject obj, DrmFile file)
    {
        if (obj is not I915GemObject o)
            return;
        I915!.MmapOffsets.Revoke(o, file);
        if (file.DriverPriv is I915FilePrivate fpriv && o.IsIdle)
        {
            foreach (var vma in o.Vmas.Where(v => ReferenceEquals(v.Vm, fpriv.Vm)))
                vma.Vm.Unbind(vma, force: false);
        }
    }

    public override void GemFree(GemObject obj)
    {
        if (obj is not I915GemObject o)
            return;
        o.Release();
        I915!.MmapOffsets.Remove(o);
    }

    public override int Mmap(DrmFile file, Vma vma) => I915GemMman.FileMmap(I915!, file, vma);

    public override int DumbCreate(DrmFile file, ref DrmModeCreateDumb args) => I915GemCreate.DumbCreate(I915!, file, ref args);

    /// <summary>i915_gem_prime_export: userptr objects may not be exported since the 5.13 rework.</summary>
    public int Export(GemObject obj, OpenFlags mode, out DmaBuf? buf)
    {
        buf = null;
        if (obj is I915GemObject { IsUserptr: true } && !I915!.LegacyUserptr)
        {
            obj.Dev.DevDbg("[drm:i915_gem_userptr_dmabuf_export] Exporting userptr no longer allowed");
            return -Errno.EINVAL;
        }
        buf = obj is I915GemObject i915Obj ? new I915DmaBuf(i915Obj) { Flags = mode } : new GemDmaBuf(obj) { Flags = mode };
        return 0;
    }

    /// <summary>i915_gem_prime_import: a foreign dma-buf becomes an i915 object usable in execbuf.</summary>
    public override int GemPrimeImport(DrmDevice dev, DmaBuf buf, out GemObject? obj)
    {
        obj = null;
        var err = buf.Attach(dev, out var attach);
        if (err != 0)
            return err;
        obj = new I915GemObject(I915!, attach!);
        return 0;
    }

    public override void RegisterDebugfs(DrmDevice dev, KernelFsDir dir) => I915Debugfs.Register(I915!, dir);

    public override void Unplug(DrmDevice dev)
    {
        I915?.StopEngines();
        if (I915 is not null)
            I915Debugfs.Unregister(I915);
    }

    public override void Shutdown(DrmDevice dev) => I915?.StopEngines();

    private static DrmIoctlDesc?[] BuildTable()
    {
        var t = new DrmIoctlDesc?[I915Ioctls.NrGemUserptr + 1];
        void Def(uint nr, uint cmd, DrmIoctlHandler h, string name) => t[nr] = new DrmIoctlDesc(cmd, DrmIoctlFlags.RenderAllow, h, name);
        Def(I915Ioctls.NrGetparam, I915Ioctls.Getparam, I915GetParam.Ioctl, "I915_GETPARAM");
        Def(I915Ioctls.NrGemExecbuffer2, I915Ioctls.GemExecbuffer2Wr, I915GemExecbuffer.Ioctl, "I915_GEM_EXECBUFFER2_WR");
        Def(I915Ioctls.NrGemBusy, I915Ioctls.GemBusy, I915GemWait.Busy, "I915_GEM_BUSY");
        Def(I915Ioctls.NrGemCreate, I915Ioctls.GemCreate, I915GemCreate.Ioctl, "I915_GEM_CREATE");
        Def(I915Ioctls.NrGemPread, I915Ioctls.GemPread, I915GemPread.Pread, "I915_GEM_PREAD");
        Def(I915Ioctls.NrGemPwrite, I915Ioctls.GemPwrite, I915GemPread.Pwrite, "I915_GEM_PWRITE");
        Def(I915Ioctls.NrGemMmap, I915Ioctls.GemMmap, I915GemMman.Mmap, "I915_GEM_MMAP");
        Def(I915Ioctls.NrGemSetDomain, I915Ioctls.GemSetDomain, I915GemDomainIoctl.SetDomain, "I915_GEM_SET_DOMAIN");
        Def(I915Ioctls.NrGemSwFinish, I915Ioctls.GemSwFinish, I915GemDomainIoctl.SwFinish, "I915_GEM_SW_FINISH");
        Def(I915Ioctls.NrGemSetTiling, I915Ioctls.GemSetTiling, I915GemTiling.Set, "I915_GEM_SET_TILING");
        Def(I915Ioctls.NrGemGetTiling, I915Ioctls.GemGetTiling, I915GemTiling.Get, "I915_GEM_GET_TILING");
        Def(I915Ioctls.NrGemMmapGtt, I915Ioctls.GemMmapOffset, I915GemMman.MmapOffset, "I915_GEM_MMAP_OFFSET");
        Def(I915Ioctls.NrGemMadvise, I915Ioctls.GemMadvise, I915GemMadvise.Ioctl, "I915_GEM_MADVISE");
        Def(I915Ioctls.NrGemWait, I915Ioctls.GemWait, I915GemWait.Wait, "I915_GEM_WAIT");
        Def(I915Ioctls.NrGemSetCaching, I915Ioctls.GemSetCaching, I915GemCaching.Set, "I915_GEM_SET_CACHING");
        Def(I915Ioctls.NrGemGetCaching, I915Ioctls.GemGetCaching, I915GemCaching.Get, "I915_GEM_GET_CACHING");
        Def(I915Ioctls.NrGemUserptr, I915Ioctls.GemUserptr, I915GemUserptr.Ioctl, "I915_GEM_USERPTR");
        return t;
    }
}
