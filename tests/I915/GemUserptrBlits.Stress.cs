using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.I915;

/// <summary>gem_userptr_blits: userptr creation and use racing with address-space churn and reclaim.</summary>
public sealed partial class GemUserptrBlits
{
    private static TimeSpan StressTime => IgtEnv.Duration(TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(5));

    [Subtest("stress-mm")]
    public void StressMm()
    {
        RequireSync();
        var ptr = UserptrBlits.Memalign(Sys, 4096);
        using var stress = MmStress.Start(Sys);
        UntilTimeout(StressTime, () =>
        {
            var handle = GemUserptr.Userptr(Sys, Fd, ptr, 4096);
            Gem.Close(Sys, Fd, handle);
        });
        UserptrBlits.Free(Sys, ptr, 4096);
        stress.Stop().Should().Be(0, "the mm stress thread's mmap/munmap never failed");
    }

    [Subtest("stress-purge")]
    public void StressPurge()
    {
        RequireSync();
        var ptr = UserptrBlits.Memalign(Sys, 4096);
        using var stress = MmStress.Start(Sys);
        UntilTimeout(StressTime, () =>
        {
            var handle = GemUserptr.Userptr(Sys, Fd, ptr, 4096);
            GemIoctls.SetDomain(Sys, Fd, handle, I915GemDomain.Gtt, I915GemDomain.Gtt);
            IgtDropCaches.PurgeVmCaches(Sys, Minor);
            Gem.Close(Sys, Fd, handle);
        });
        UserptrBlits.Free(Sys, ptr, 4096);
        stress.Stop().Should().Be(0);
    }

    [Subtest("stress-mm-invalidate-close")]
    public void StressMmInvalidateClose() => TestInvalidateCloseRace(overlap: false);

    [Subtest("stress-mm-invalidate-close-overlap")]
    public void StressMmInvalidateCloseOverlap() => TestInvalidateCloseRace(overlap: true);

    /// <summary>
    /// A thread creates and closes userptrs over one page while the main thread keeps invalidating that page.
    /// Upstream invalidates with mprotect(); the emulated mm has no mprotect, so MADV_DONTNEED (which fires the
    /// same MMU notifier callbacks) takes its place.
    /// </summary>
    private void TestInvalidateCloseRace(bool overlap)
    {
        RequireSync();
        var ptr = UserptrBlits.Memalign(Sys, 4096);
        var stop = 0;
        Exception? failure = null;
        var fd = Fd;
        var thread = new Thread(() =>
        {
            try
            {
                var handles = new uint[overlap ? 2 : 1];
                while (Volatile.Read(ref stop) == 0)
                {
                    for (var i = 0; i < handles.Length; i++)
                        handles[i] = GemUserptr.Userptr(Sys, fd, ptr, 4096);
                    foreach (var h in handles)
                        Gem.Close(Sys, fd, h);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = "userptr-close" };
        thread.Start();
        var invalidations = 0;
        UntilTimeout(IgtEnv.Duration(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(2)), () =>
        {
            UserMem.WriteU32(Sys, ptr, (uint)invalidations);
            Sys.Madvise(ptr, 4096, Madvise.DontNeed).Should().Be(0);
            invalidations++;
        });
        Volatile.Write(ref stop, 1);
        thread.Join();
        failure.Should().BeNull();
        invalidations.Should().BeGreaterThan(0);
        UserptrBlits.Free(Sys, ptr, 4096);
    }

    [Subtest("map-fixed-invalidate")]
    public void MapFixedInvalidate() => TestMapFixedInvalidate(busy: false, overlap: false);

    [Subtest("map-fixed-invalidate-busy")]
    public void MapFixedInvalidateBusy() => TestMapFixedInvalidate(busy: true, overlap: false);

    [Subtest("map-fixed-invalidate-overlap-busy")]
    public void MapFixedInvalidateOverlapBusy() => TestMapFixedInvalidate(busy: true, overlap: true);

    /// <summary>
    /// With the notifier live on a userptr, MAP_FIXED replaces its range: first with fresh anonymous memory
    /// (the -busy variants copy through the userptr then), then partly with a GEM mmap-offset mapping that is
    /// written while its tiling changes. Upstream walks every page position (dynamic subtests per mmap type);
    /// CI walks a stride of them.
    /// </summary>
    private void TestMapFixedInvalidate(bool busy, bool overlap)
    {
        RequireSync();
        var ptrSize = UserptrBlits.Size + 2 * 4096;
        var stride = (ulong)IgtEnv.StressIterations(ci: 64, nightly: 1) * 4096;
        var tested = 0;
        foreach (var t in MmapOffsetType.All)
        {
            var probeBo = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
            var supported = GemMman.TryMmapOffset(Sys, Fd, probeBo, t.Type, out _) == 0;
            Gem.Close(Sys, Fd, probeBo);
            if (!supported)
                continue;
            tested++;
            var ptr = UserMem.MapAnon(Sys, ptrSize, MapFlags.Shared);
            var handles = new uint[overlap ? 2 : 1];
            for (var i = 0; i < handles.Length; i++)
                handles[i] = UserptrBlits.CreateUserptr(Sys, Fd, 0, ptr + 4096, Sync);
            for (var fixedAt = ptr; fixedAt + 2 * 4096 <= ptr + ptrSize; fixedAt += stride)
            {
                Sys.Mmap(ptr, ptrSize, Prot.ReadWrite, MapFlags.Shared | MapFlags.Anonymous | MapFlags.Fixed).Should().Be((long)ptr);
                var bo = Igt.I915.GemCreate.Create(Sys, Fd, 2 * 4096);
                GemMman.TryMmapOffset(Sys, Fd, bo, t.Type, out var offset).Should().Be(0);
                if (busy)
                    Copy(handles[0], handles[^1]).Should().Be(0, $"{t}: copy through the remapped userptr");
                Sys.Mmap(fixedAt, 2 * 4096, Prot.ReadWrite, MapFlags.Shared | MapFlags.Fixed, Fd, offset).Should().Be((long)fixedAt);
                GemIoctls.SetTiling(Sys, Fd, bo, I915Tiling.None, 0);
                UserMem.WriteU32(Sys, fixedAt, 0xdead);
                GemIoctls.SetTiling(Sys, Fd, bo, I915Tiling.Y, 512 * 4);
                UserMem.WriteU32(Sys, fixedAt, 0xbeef);
                Gem.Close(Sys, Fd, bo);
            }
            foreach (var h in handles)
                Gem.Close(Sys, Fd, h);
            Sys.Munmap(ptr, ptrSize);
        }
        tested.Should().BeGreaterThan(0);
    }
}
