using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.I915;

/// <summary>gem_userptr_blits: object lifetime against the backing range (overlap, munmap, close, exit).</summary>
public sealed partial class GemUserptrBlits
{
    [Subtest("sync-overlap")]
    public void SyncOverlap()
    {
        RequireSync();
        TestOverlap(Sync, -Errno.EINVAL);
    }

    [Subtest("unsync-overlap")]
    public void UnsyncOverlap()
    {
        RequireUnsync();
        TestOverlap(Unsync, 0);
    }

    /// <summary>Overlapping ranges: before/after are fine; exact/start/end/subsuming give 0 or <paramref name="expected"/>.</summary>
    private void TestOverlap(uint flags, int expected)
    {
        var ptr = UserptrBlits.Memalign(Sys, 3 * 4096);
        var handle = GemUserptr.Userptr(Sys, Fd, ptr + 4096, 4096, flags: flags);
        int Try(ulong p, ulong size)
        {
            var r = GemUserptr.TryUserptr(Sys, Fd, p, size, false, flags, out var h);
            if (r == 0)
                Gem.Close(Sys, Fd, h);
            return r;
        }
        Try(ptr, 4096).Should().Be(0, "before, no overlap");
        Try(ptr + 2 * 4096, 4096).Should().Be(0, "after, no overlap");
        Try(ptr + 4096, 4096).Should().BeOneOf(0, expected);
        Try(ptr, 2 * 4096).Should().BeOneOf(0, expected);
        Try(ptr + 4096, 2 * 4096).Should().BeOneOf(0, expected);
        Try(ptr, 3 * 4096).Should().BeOneOf(0, expected);
        Gem.Close(Sys, Fd, handle);
        UserptrBlits.Free(Sys, ptr, 3 * 4096);
    }

    [Subtest("sync-unmap")]
    public void SyncUnmap()
    {
        RequireSync();
        TestUnmap(Sync, Errno.EFAULT);
    }

    [Subtest("unsync-unmap")]
    public void UnsyncUnmap()
    {
        RequireUnsync();
        TestUnmap(Unsync, 0);
    }

    [Subtest("sync-unmap-cycles")]
    public void SyncUnmapCycles()
    {
        RequireSync();
        UntilTimeout(IgtEnv.Duration(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(5)), () => TestUnmap(Sync, Errno.EFAULT));
    }

    [Subtest("unsync-unmap-cycles")]
    public void UnsyncUnmapCycles()
    {
        RequireUnsync();
        UntilTimeout(IgtEnv.Duration(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(5)), () => TestUnmap(Unsync, 0));
    }

    /// <summary>
    /// Three userptrs over one mapping copy fine; after munmap the copies fail with EFAULT (sync: the notifier
    /// dropped the pages and there are none to get) or still work on the pinned pages (unsync).
    /// </summary>
    private void TestUnmap(uint flags, int expected)
    {
        const int numObj = 3;
        var mapSize = UserptrBlits.Size * numObj + 4095;
        var ptr = UserMem.MapAnon(Sys, mapSize);
        var boPtr = (ptr + 4095) & ~4095UL;
        var bo = new uint[numObj + 1];
        for (var i = 0; i < numObj; i++)
            bo[i] = GemUserptr.Userptr(Sys, Fd, boPtr + (ulong)i * UserptrBlits.Size, UserptrBlits.Size, flags: flags);
        bo[numObj] = UserptrBlits.CreateBo(Sys, Fd, 0);
        for (var i = 0; i < numObj; i++)
            Copy(bo[numObj], bo[i]).Should().Be(0);
        Sys.Munmap(ptr, mapSize).Should().Be(0);
        for (var i = 0; i < numObj; i++)
            Copy(bo[numObj], bo[i]).Should().Be(-expected, $"copy from userptr {i} after munmap");
        foreach (var h in bo)
            Gem.Close(Sys, Fd, h);
    }

    [Subtest("sync-unmap-after-close")]
    public void SyncUnmapAfterClose()
    {
        RequireSync();
        TestUnmapAfterClose(Sync);
    }

    [Subtest("unsync-unmap-after-close")]
    public void UnsyncUnmapAfterClose()
    {
        RequireUnsync();
        TestUnmapAfterClose(Unsync);
    }

    /// <summary>Close every handle, then munmap the range: nothing may fault or warn.</summary>
    private void TestUnmapAfterClose(uint flags)
    {
        const int numObj = 3;
        var mapSize = UserptrBlits.Size * numObj + 4095;
        var ptr = UserMem.MapAnon(Sys, mapSize);
        var boPtr = (ptr + 4095) & ~4095UL;
        var bo = new uint[numObj + 1];
        for (var i = 0; i < numObj; i++)
            bo[i] = GemUserptr.Userptr(Sys, Fd, boPtr + (ulong)i * UserptrBlits.Size, UserptrBlits.Size, flags: flags);
        bo[numObj] = UserptrBlits.CreateBo(Sys, Fd, 0);
        for (var i = 0; i < numObj; i++)
            Copy(bo[numObj], bo[i]).Should().Be(0);
        foreach (var h in bo)
            Gem.Close(Sys, Fd, h);
        Sys.Munmap(ptr, mapSize).Should().Be(0);
    }

    [Subtest("create-destroy-sync")]
    public void CreateDestroySync()
    {
        RequireSync();
        TestCreateDestroy(Sync);
    }

    [Subtest("create-destroy-unsync")]
    public void CreateDestroyUnsync()
    {
        RequireUnsync();
        TestCreateDestroy(Unsync);
    }

    /// <summary>Create and close one-page userptrs in a loop while the signal helper interrupts everything.</summary>
    private void TestCreateDestroy(uint flags)
    {
        using var helper = SignalHelper.Start(Sys, MachineSeed("signal-helper"));
        var count = 0;
        // Run for the duration, and at least until the helper has actually interrupted something.
        UntilTimeout(IgtEnv.Duration(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(5)), () => helper.Sent > 0, () =>
        {
            for (var n = 0; n < 50; n++)
            {
                var ptr = UserptrBlits.Memalign(Sys, 4096);
                var handle = GemUserptr.Userptr(Sys, Fd, ptr, 4096, flags: flags);
                Gem.Close(Sys, Fd, handle);
                UserptrBlits.Free(Sys, ptr, 4096);
                count++;
            }
        });
        count.Should().BeGreaterThan(0);
    }

    [Subtest("process-exit")]
    public void ProcessExit()
    {
        RequireSync();
        TestProcessExit(busy: false);
    }

    [Subtest("process-exit-busy")]
    public void ProcessExitBusy()
    {
        RequireSync();
        TestProcessExit(busy: true);
    }

    /// <summary>A child creates a userptr (and keeps the GPU busy on it) and exits without closing it.</summary>
    private void TestProcessExit(bool busy)
    {
        var fd = Fd;
        IgtFork.Start(Sys, 1, (child, _) =>
        {
            var ptr = UserMem.MapAnon(child, UserptrBlits.Size, MapFlags.Shared);
            var handle = GemUserptr.Userptr(child, fd, ptr, UserptrBlits.Size);
            if (busy)
                IgtCore.AssertEq(UserptrBlits.Copy(child, fd, handle, handle), 0, "copy in the child");
        }).WaitAll();
    }

    private static void UntilTimeout(TimeSpan duration, Action body) => UntilTimeout(duration, () => true, body);

    /// <summary>igt_until_timeout, extended (up to 10 s) until <paramref name="done"/> holds.</summary>
    private static void UntilTimeout(TimeSpan duration, Func<bool> done, Action body)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        do
            body();
        while (sw.Elapsed < duration || (!done() && sw.Elapsed < TimeSpan.FromSeconds(10)));
    }
}
