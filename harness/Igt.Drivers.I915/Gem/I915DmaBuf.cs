using Igt.Drm.Prime;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>i915_dmabuf_ops: mmap of the dma-buf needs the object's shmem file, which a userptr object has not.</summary>
public sealed class I915DmaBuf(I915GemObject obj) : GemDmaBuf(obj)
{
    protected override int MmapExporter(Vma vma) =>
        obj.IsUserptr ? -Errno.ENODEV : base.MmapExporter(vma);
}
