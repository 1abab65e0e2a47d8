using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Fixtures;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>
/// gem_userptr_blits: userptr objects (GEM objects over a range of the process's memory) used as blit sources
/// and targets, with the MMU notifier keeping the GPU away from pages the process unmapped, remapped, forked,
/// or the kernel swapped out. "sync" subtests use the notifier; "unsync" ones use I915_USERPTR_UNSYNCHRONIZED,
/// which kernels from 5.13 on refuse (-ENODEV): those subtests boot the machine as 5.12, the last kernel that
/// had it, and on a newer kernel they skip in their fixture exactly as upstream does. The subtests that use a
/// parent's userptr from a forked child likewise need a pre-5.13 kernel.
/// </summary>
public sealed partial class GemUserptrBlits(ITestOutputHelper output) : I915Test(output)
{
    private const uint Sync = 0;
    private const uint Unsync = I915UserptrFlags.Unsynchronized;

    /// <summary>The fixture of the unsync group: boot a kernel that still has it, then igt_require(has_userptr).</summary>
    private void RequireUnsync()
    {
        BootKernel(5, 12);
        IgtCore.Require(UserptrBlits.HasUserptr(Sys, Fd, Unsync), "unsynchronized userptr (root, kernel < 5.13)");
    }

    /// <summary>The fixture of the sync group.</summary>
    private void RequireSync() => IgtCore.Require(UserptrBlits.HasUserptr(Sys, Fd, Sync), "userptr");

    private int Copy(uint dst, uint src) => UserptrBlits.Copy(Sys, Fd, dst, src);
}
