using System.Diagnostics;
using Igt.Drivers.Vgem;
using Igt.Drivers.Vgem.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Vgem;

/// <summary>vgem_slow: a fence nobody signals expires by itself, and signalling it late says so.</summary>
public sealed class VgemSlow(ITestOutputHelper output) : VgemTest(output)
{
    [Subtest("nohang")]
    public void NoHang()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        IgtVgem.RequireFences(Sys, fd);
        var bo = IgtVgem.Create(Sys, fd, 4096);
        var dmabuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        var fence = IgtVgem.FenceAttach(Sys, fd, bo, VgemIoctls.FenceWrite);
        var sw = Stopwatch.StartNew();
        // The behaviour is about time: the fence must expire after VGEM_FENCE_TIMEOUT, not hang the reader.
        var limit = VgemFence.Timeout + TimeSpan.FromSeconds(20);
        Sys.Poll(dmabuf, PollEvents.In, (int)limit.TotalMilliseconds).Should().Be((int)PollEvents.In, "the fence expired");
        Log($"fence expired after {sw.Elapsed.TotalSeconds:F2} s");
        sw.Elapsed.Should().BeGreaterThan(VgemFence.Timeout - TimeSpan.FromSeconds(1), "not before the timeout");
        IgtVgem.TryFenceSignal(Sys, fd, fence).Should().Be(-Errno.ETIMEDOUT, "the timer signalled it first");
        IgtVgem.TryFenceSignal(Sys, fd, fence).Should().Be(-Errno.ENOENT, "and the late signal consumed it");
    }
}
