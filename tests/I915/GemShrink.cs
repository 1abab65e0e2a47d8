using Igt.Core;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel.Process;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>
/// gem_shrink: the shrinker runs continuously (children writing i915_drop_caches, as upstream's reclaim subtest
/// does from every CPU) while spinners keep an engine busy and idle objects wait to be swapped out. Busy objects
/// must be left alone (the spinners end normally, no GPU hang, no use-after-free), idle ones must come back from
/// swap with their contents.
/// </summary>
public sealed class GemShrink(ITestOutputHelper output) : I915Test(output)
{
    private const string NoError = "No error state collected\n";

    [Subtest("reclaim")]
    public void Reclaim()
    {
        var duration = IgtEnv.Duration(TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(20));
        var shared = UserMem.MapAnon(Sys, 4096, MapFlags.Shared);
        UserMem.WriteU32(Sys, shared, 0);
        var children = IgtFork.Start(Sys, 2, (child, _) =>
        {
            while (UserMem.ReadU32(child, shared) == 0)
                IgtDropCaches.Set(child, Minor, IgtDropCaches.Bound | IgtDropCaches.Unbound | IgtDropCaches.ShrinkAll);
        });

        var rng = new Random((int)MachineSeed("reclaim"));
        var idle = new List<(uint Handle, byte Fill)>();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var spin = IgtSpin.New(Sys, Fd, IntelEngine.Rcs0);
        var spins = 0;
        do
        {
            // An idle object with contents for the shrinker to swap out.
            var h = Igt.I915.GemCreate.Create(Sys, Fd, 16 * 4096);
            var fill = (byte)rng.Next(1, 255);
            GemIoctls.Write(Sys, Fd, h, 0, Enumerable.Repeat(fill, 16 * 4096).ToArray());
            idle.Add((h, fill));

            var next = IgtSpin.New(Sys, Fd, IntelEngine.Rcs0);
            spin.SetTimeout(TimeSpan.FromMilliseconds(20));
            GemIoctls.Sync(Sys, Fd, spin.Handle);
            spin.Dispose();
            spin = next;
            spins++;
            if (Sys.ReadTextFile("/sys/class/drm/card0/error") != NoError)
                break; // a spinner hung: no point waiting out hangcheck again
        }
        while (sw.Elapsed < duration || spins < 4);
        spin.Dispose();
        UserMem.WriteU32(Sys, shared, 1);
        children.WaitAll();

        Sys.ReadTextFile("/sys/class/drm/card0/error").Should().Be(NoError,
            "every spinner ended by itself: the shrinker never took a batch from under the GPU");
        foreach (var (h, fill) in idle)
        {
            var back = new byte[16 * 4096];
            GemIoctls.Read(Sys, Fd, h, 0, back);
            back.Should().OnlyContain(b => b == fill, "an idle object comes back from swap intact");
            Gem.Close(Sys, Fd, h);
        }
        Log($"{spins} spinners, {idle.Count} idle objects, swapped out {SwappedOut()} pages");
        spins.Should().BeGreaterThan(1);
    }

    private long SwappedOut()
    {
        foreach (var line in (Sys.ReadTextFile("/proc/vmstat") ?? "").Split('\n'))
            if (line.StartsWith("pswpout ", StringComparison.Ordinal))
                return long.Parse(line[8..]);
        return 0;
    }
}
