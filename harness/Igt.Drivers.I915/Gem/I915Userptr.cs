using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// The MMU interval notifier of a synchronized userptr object: every munmap, mremap, MADV_DONTNEED, fork
/// (COW write-protect), COW break, swap-out or exit touching the range lands in <see cref="Invalidate"/>.
/// </summary>
public sealed class I915Userptr(I915UserptrObject obj) : MmuIntervalNotifier
{
    public I915UserptrObject Obj { get; } = obj;

    /// <summary>i915_gem_userptr_invalidate: may block (waits for the GPU), as a blockable range allows.</summary>
    protected override bool Invalidate(MmuNotifierRange range)
    {
        Obj.Invalidate(range);
        return true;
    }
}
