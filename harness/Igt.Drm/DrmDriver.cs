using Igt.Drm.Gem;
using Igt.Drm.Ioctl;
using Igt.Drm.Prime;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drm;

/// <summary>
/// struct drm_driver: identity, features, the driver ioctl table and the hooks the DRM core calls.
/// A driver instance belongs to one device.
/// </summary>
public abstract class DrmDriver
{
    public abstract string Name { get; }

    public abstract string Desc { get; }

    public abstract string Date { get; }

    public abstract int Major { get; }

    public abstract int Minor { get; }

    public virtual int Patchlevel => 0;

    public abstract DriverFeatures Features { get; }

    /// <summary>
    /// Idle, unpinned GEM objects of this driver are swapped out under memory pressure by the core (the shmem LRU).
    /// Off by default: a driver that keeps PageRefs in GPU page tables must pin them, or run its own shrinker.
    /// </summary>
    public virtual bool ShmemReclaim => false;

    /// <summary>Driver ioctls; entry i is ioctl nr 0x40 + i (null for a hole).</summary>
    public abstract IReadOnlyList<DrmIoctlDesc?> Ioctls { get; }

    /// <summary>drm_driver.open: per-file setup (e.g. the file's GPU address space).</summary>
    public virtual int Open(DrmDevice dev, DrmFile file) => 0;

    /// <summary>drm_driver.postclose: per-file teardown, after all handles are gone.</summary>
    public virtual void Postclose(DrmDevice dev, DrmFile file) { }

    /// <summary>drm_gem_object_funcs.open: a handle to <paramref name="obj"/> was created in <paramref name="file"/>.</summary>
    public virtual int GemOpen(GemObject obj, DrmFile file) => 0;

    /// <summary>drm_gem_object_funcs.close: a handle to <paramref name="obj"/> in <paramref name="file"/> was closed.</summary>
    public virtual void GemClose(GemObject obj, DrmFile file) { }

    /// <summary>drm_gem_object_funcs.free: the last reference to the object is gone.</summary>
    public virtual void GemFree(GemObject obj) { }

    /// <summary>
    /// file_operations.mmap of the DRM fd (called inside drm_dev_enter). Default: drm_gem_mmap, the core's
    /// fake-offset lookup then <see cref="GemMmap"/>; drivers with their own offsets (i915_gem_mmap) override it.
    /// </summary>
    public virtual int Mmap(DrmFile file, Vma vma) => file.GemMmap(vma);

    /// <summary>drm_gem_object_funcs.mmap: set up a CPU mapping (default: shmem faults, VM_PFNMAP).</summary>
    public virtual int GemMmap(GemObject obj, Vma vma)
    {
        vma.Ops = GemVmOps.Instance;
        vma.PrivateData = obj;
        vma.Flags |= VmaFlags.PfnMap;
        obj.Get();
        obj.Mapping.Link(vma);
        return 0;
    }

    /// <summary>gem_prime_import for a dma-buf of another device. Default: a generic imported object.</summary>
    public virtual int GemPrimeImport(DrmDevice dev, DmaBuf buf, out GemObject? obj)
    {
        obj = null;
        var err = buf.Attach(dev, out var attach);
        if (err != 0)
            return err;
        obj = new ImportedGemObject(dev, attach!);
        return 0;
    }

    /// <summary>A dumb buffer (vgem, KMS drivers). -ENOSYS when the driver has none.</summary>
    public virtual int DumbCreate(DrmFile file, ref DrmModeCreateDumb args) => -Errno.ENOSYS;

    /// <summary>The device is going away (unbind): stop engines, complete or cancel pending work.</summary>
    public virtual void Unplug(DrmDevice dev) { }

    /// <summary>Machine shutdown: stop threads.</summary>
    public virtual void Shutdown(DrmDevice dev) { }

    /// <summary>Extra debugfs files under /sys/kernel/debug/dri/N/.</summary>
    public virtual void RegisterDebugfs(DrmDevice dev, KernelFsDir dir) { }
}
