using Igt.Drm.Gem;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// obj->base.filp: the shmem file behind an object, which the legacy GEM_MMAP ioctl maps into the caller with
/// vm_mmap. Unlike the fake-offset mappings this is ordinary memory (no VM_PFNMAP), so get_user_pages works on it.
/// </summary>
public sealed class I915ShmemFile(I915GemObject obj) : KFile
{
    public I915GemObject Obj { get; } = obj;

    public override string Name => "/i915 (deleted)";

    /// <summary>Cache attribute for the next mapping (the ioctl sets it from I915_MMAP_WC).</summary>
    public CacheMode NextCacheMode { get; set; } = CacheMode.WriteBack;

    /// <summary>
    /// shmem_mmap: no bounds check against the file size (the ioctl did that); pages past the end SIGBUS on
    /// access.
    /// </summary>
    public override int Mmap(Vma vma)
    {
        vma.Ops = GemVmOps.Instance;
        vma.PrivateData = Obj;
        vma.CacheMode = NextCacheMode;
        Obj.Get();
        Obj.Mapping.Link(vma);
        return 0;
    }
}
