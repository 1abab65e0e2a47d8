using System.Diagnostics;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>
/// gem_wait: GEM_WAIT argument checks and its relative, written-back timeout. The busy and wait subtests run
/// under the signal helper (SIGCONT every ~2 ms with SA_RESTART, as upstream's fixture forks it), so each wait is
/// restarted many times and must still end within the timeout it was given.
/// </summary>
public sealed class GemWait(ITestOutputHelper output) : I915Test(output)
{
    private const long NsPerSec = 1_000_000_000;

    [Subtest("invalid-flags")]
    public void InvalidFlags()
    {
        // Only the next available flag: new flags need their own ABI test first.
        var a = new DrmI915GemWait { BoHandle = Igt.I915.GemCreate.Create(Sys, Fd, 4096), TimeoutNs = 1, Flags = 1 };
        DrmIoctlHelper.Ioctl(Sys, Fd, I915Ioctls.GemWait, ref a).Should().Be(-Errno.EINVAL);
        Gem.Close(Sys, Fd, a.BoHandle);
    }

    [Subtest("invalid-buf")]
    public void InvalidBuf()
    {
        var a = new DrmI915GemWait();
        DrmIoctlHelper.Ioctl(Sys, Fd, I915Ioctls.GemWait, ref a).Should().Be(-Errno.ENOENT);
    }

    [Subtest("busy")]
    public void Busy()
    {
        using var helper = SignalHelper.Start(Sys, MachineSeed("signal-helper"));
        foreach (var e in IntelEngine.Physical(Sys, Fd))
        {
            using var spin = IgtSpin.New(Sys, Fd, e);
            long t = 0;
            GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(-Errno.ETIME, $"{e}: still spinning");
            spin.SetTimeout(TimeSpan.FromMilliseconds(500));
            var sw = Stopwatch.StartNew();
            while (true)
            {
                t = 0;
                if (GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t) != -Errno.ETIME)
                    break;
                sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), $"{e}: the spinner ends after its 0.5 s timeout");
                Thread.Sleep(1);
            }
            t = 0;
            GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(0);
        }
        helper.Sent.Should().BeGreaterThan(0);
    }

    [Subtest("wait")]
    public void Wait()
    {
        using var helper = SignalHelper.Start(Sys, MachineSeed("signal-helper"));
        var interruptedBefore = Sys.InterruptedSyscalls;
        foreach (var e in IntelEngine.Physical(Sys, Fd))
        {
            using var spin = IgtSpin.New(Sys, Fd, e);
            long t = 0;
            GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(-Errno.ETIME);

            t = NsPerSec / 2;
            var sw = Stopwatch.StartNew();
            var r = GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t);
            var took = sw.Elapsed;
            r.Should().Be(-Errno.ETIME, $"{e}: the spinner outlives a 0.5 s wait (took {took.TotalMilliseconds:F0} ms)");
            t.Should().Be(0, "an expired wait reports no time left");
            took.Should().BeLessThan(TimeSpan.FromMilliseconds(900), "restarted waits continue with the time left, not the full timeout");

            t = 0;
            GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(-Errno.ETIME);

            spin.SetTimeout(TimeSpan.FromMilliseconds(500));
            t = NsPerSec;
            GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(0, $"{e}: the spinner ends within 1 s");
            t.Should().BeGreaterThanOrEqualTo(0);

            t = 0;
            GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(0);
            t.Should().Be(0);
        }
        (Sys.InterruptedSyscalls - interruptedBefore).Should().BeGreaterThan(0, "the signal helper interrupted the waits");
    }

    /// <summary>An endless batch is reset by hangcheck: the wait returns, the error state names the hang.</summary>
    [Subtest("hang-wait")]
    public void HangWait()
    {
        Sys.WriteTextFile("/sys/class/drm/card0/engine/rcs0/heartbeat_interval_ms", "250").Should().Be(0);
        using var helper = SignalHelper.Start(Sys, MachineSeed("signal-helper"));
        using var spin = IgtSpin.New(Sys, Fd, IntelEngine.Rcs0);
        long t = 0;
        GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(-Errno.ETIME);
        t = -1;
        var sw = Stopwatch.StartNew();
        GemIoctls.TryWait(Sys, Fd, spin.Handle, ref t).Should().Be(0, "the hung batch is reset and its fence signalled");
        t.Should().Be(-1, "an infinite wait is not written back");
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        var error = Sys.ReadTextFile("/sys/class/drm/card0/error");
        error.Should().StartWith("GPU HANG: ecode 9:1:").And.Contain($"in gem_wait [{Sys.Pid}]").And.Contain("rcs0 command stream");
        Sys.WriteTextFile("/sys/class/drm/card0/error", "").Should().Be(0);
        Sys.ReadTextFile("/sys/class/drm/card0/error").Should().Be("No error state collected\n");
    }
}
