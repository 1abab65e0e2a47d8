using Igt.Core;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.I915;

/// <summary>
/// gem_userptr_blits on eviction_common.c: blits between userptr surfaces whose total is larger than RAM, so the
/// kernel swaps them out (firing the MMU notifier) between uses. The machine boots with a small RAM budget.
/// </summary>
public sealed partial class GemUserptrBlits
{
    private const long EvictionRam = 16L << 20;

    [Subtest("swapping-normal-sync")]
    public void SwappingNormalSync()
    {
        Boot(cfg => cfg.RamBytes = EvictionRam);
        RequireSync();
        SwappingEvictions(interruptible: false);
    }

    [Subtest("swapping-sync-interruptible")]
    public void SwappingSyncInterruptible()
    {
        Boot(cfg => cfg.RamBytes = EvictionRam);
        RequireSync();
        SwappingEvictions(interruptible: true);
    }

    /// <summary>
    /// Forked children (each under its own signal helper) blit between the parent's userptr surfaces while the
    /// trash set swaps. Using another process's userptr needs a kernel before 5.13 (forked_userptr probe).
    /// </summary>
    [Subtest("forked-sync-swapping-interruptible")]
    public void ForkedSyncSwappingInterruptible()
    {
        BootKernel(5, 12, cfg => cfg.RamBytes = 2 * EvictionRam);
        RequireSync();
        IgtCore.Require(ForkedUserptr(), "userptr usable from a forked child (kernel < 5.13)");

        var trash = TrashCount();
        var children = IgtEnv.StressObjects(ci: 3, nightly: 12);
        var working = Math.Min(IgtEnv.StressObjects(ci: 3, nightly: 8), trash / children);
        var bo = CreateSurfaces(trash);
        var swappedBefore = SwappedOut();
        var fd = Fd;
        var seed = MachineSeed("forked");
        // All children are forked before any of them touches a surface: a page present at fork time is shared
        // with the child, and the emulated swap-out (no rmap walk) cannot take pages mapped by several processes.
        var go = UserMem.MapAnon(Sys, 4096, MapFlags.Shared);
        UserMem.WriteU32(Sys, go, 0);
        var forked = IgtFork.Start(Sys, children, (child, i) =>
        {
            while (UserMem.ReadU32(child, go) == 0)
                Thread.Sleep(1);
            using var helper = SignalHelper.Start(child, seed + (ulong)i);
            var rng = new Random((int)seed + i * 63);
            var passes = IgtEnv.StressIterations(ci: 12, nightly: 40);
            for (var pass = 0; pass < passes; pass++)
            {
                // A new permutation each pass (upstream permutes once per child) so the children walk the whole trash set.
                var mine = bo.OrderBy(_ => rng.Next()).ToArray();
                IgtCore.AssertEq(UserptrBlits.Blit(child, fd, mine[0], mine[1], mine.Take(working).ToArray()), 0, "blit in child");
                // Bound what is in flight: the emulated machine has megabytes of RAM, not gigabytes.
                GemIoctls.Sync(child, fd, mine[0]);
            }
        });
        UserMem.WriteU32(Sys, go, 1);
        forked.WaitAll(timeoutMs: 120_000);
        var swapped = SwappedOut() - swappedBefore;
        FreeSurfaces(bo);
        Log($"forked: {children} children, {bo.Count} surfaces, {working} per blit, swapped out {swapped} pages");
        swapped.Should().BeGreaterThan(0, "the children's working sets add up to more than RAM");
    }

    /// <summary>swapping_evictions: permutations of a trash set larger than RAM, blitting a working set each pass.</summary>
    private void SwappingEvictions(bool interruptible)
    {
        using var helper = interruptible ? SignalHelper.Start(Sys, MachineSeed("signal-helper")) : null;
        var trash = TrashCount();
        var working = Math.Min(IgtEnv.StressObjects(ci: 4, nightly: 16), trash / 4);
        var bo = CreateSurfaces(trash);
        var swappedBefore = SwappedOut();
        var rng = new Random((int)MachineSeed("swapping"));
        var rounds = Math.Max(IgtEnv.StressIterations(ci: 24, nightly: 64), trash / 32);
        var passes = IgtEnv.StressIterations(ci: 3, nightly: 100);
        for (var i = 0; i < rounds; i++)
        {
            var perm = bo.OrderBy(_ => rng.Next()).ToArray();
            for (var pass = 0; pass < passes; pass++)
                UserptrBlits.Blit(Sys, Fd, perm[0], perm[1], perm.Take(working).ToArray()).Should().Be(0);
        }
        GemIoctls.Sync(Sys, Fd, bo[0]);
        var swapped = SwappedOut() - swappedBefore;
        Log($"{bo.Count} surfaces of 1 MiB, {working} per blit, {rounds}x{passes} blits, swapped out {swapped} pages");
        swapped.Should().BeGreaterThan(0, "the trash set is larger than RAM, so userptr pages were swapped out");
        FreeSurfaces(bo);
    }

    /// <summary>trash_count: 1.1 x RAM worth of 1 MiB surfaces (must fit RAM + swap).</summary>
    private int TrashCount()
    {
        var ramMb = Thrash.TotalRam(Sys) >> 20;
        var trash = (int)(ramMb * 11 / 10);
        IgtCore.Require(Thrash.MeminfoField(Sys, "SwapTotal") + Thrash.TotalRam(Sys) > (long)trash << 20, "RAM + swap for the trash set");
        return trash;
    }

    /// <summary>create_userptr_bo: surfaces over MAP_SHARED anonymous memory, written so they are populated.</summary>
    private List<uint> CreateSurfaces(int count)
    {
        var list = new List<uint>();
        _surfaces.Clear();
        for (var n = 0; n < count; n++)
        {
            var ptr = UserMem.MapAnon(Sys, UserptrBlits.Size, MapFlags.Shared);
            var h = GemUserptr.Userptr(Sys, Fd, ptr, UserptrBlits.Size);
            _surfaces[h] = ptr;
            list.Add(h);
        }
        return list;
    }

    private void FreeSurfaces(List<uint> bo)
    {
        foreach (var h in bo)
        {
            Gem.Close(Sys, Fd, h);
            Sys.Munmap(_surfaces[h], UserptrBlits.Size);
        }
    }

    private readonly Dictionary<uint, ulong> _surfaces = new();

    /// <summary>forked_userptr: can a child use its parent's userptr? (-EFAULT since 5.13)</summary>
    private bool ForkedUserptr()
    {
        var ptr = UserMem.MapAnon(Sys, 2 * UserptrBlits.Size, MapFlags.Shared);
        var ofs = ptr + UserptrBlits.Size;
        UserMem.WriteU32(Sys, ofs, uint.MaxValue);
        var handle = GemUserptr.Userptr(Sys, Fd, ptr, UserptrBlits.Size);
        var fd = Fd;
        IgtFork.Start(Sys, 1, (child, _) => UserMem.WriteU32(child, ofs, (uint)UserptrBlits.Copy(child, fd, handle, handle))).WaitAll();
        var ret = (int)UserMem.ReadU32(Sys, ofs);
        Gem.Close(Sys, Fd, handle);
        Sys.Munmap(ptr, 2 * UserptrBlits.Size);
        if (ret != 0)
            ret.Should().Be(-Kernel.Errno.EFAULT);
        return ret == 0;
    }

    private long SwappedOut()
    {
        foreach (var line in (Sys.ReadTextFile("/proc/vmstat") ?? "").Split('\n'))
            if (line.StartsWith("pswpout ", StringComparison.Ordinal))
                return long.Parse(line[8..]);
        return 0;
    }
}
