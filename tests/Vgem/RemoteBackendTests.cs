using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Signals;
using Igt.Os;
using Igt.Os.Remote;
using Xunit.Abstractions;

namespace Igt.Tests.Vgem;

/// <summary>
/// The real-kernel backend itself (tools/vm/proxy and <see cref="RemoteSyscalls"/>): system calls run in a VM process,
/// faults and signals come back as on the emulated machine, the kernel log is read back, and a dying proxy process
/// fails the test instead of hanging it. Skips where the VM cannot be had (no qemu or no kernel).
/// </summary>
public sealed class RemoteBackendTests(RealKernelVm vm, ITestOutputHelper output) : IClassFixture<RealKernelVm>
{
    private RemoteSyscalls Spawn()
    {
        Skip.If(vm.Missing is not null, vm.Missing);
        var sys = ProxyConnection.For(vm.Dir!).Spawn();
        output.WriteLine($"VM {vm.Dir} (booted in {vm.BootSeconds ?? "?"} s), kernel {sys.KernelRelease}, proxy pid {sys.Pid}");
        return sys;
    }

    [SkippableFact]
    public void System_calls_run_in_a_vm_process()
    {
        using var sys = Spawn();
        sys.IsEmulated.Should().BeFalse();
        sys.IsRoot.Should().BeTrue();
        sys.ListDevices("/dev/dri/").Should().Contain("/dev/dri/card0").And.Contain("/dev/dri/renderD128");
        var fd = sys.Open("/dev/dri/card0");
        fd.Should().BeGreaterThan(0);
        DrmTest.DriverName(sys, fd).Should().Be("vgem", "DRM_IOCTL_VERSION marshalled through the proxy's memory");
        sys.Fstat(fd).Should().BeGreaterThan(0);
        sys.Close(fd).Should().Be(0);
        sys.Close(fd).Should().Be(-Errno.EBADF, "errors come back as the kernel's -errno");
        sys.Open("/dev/dri/card9").Should().Be(-Errno.ENOENT);
    }

    [SkippableFact]
    public void Memory_faults_are_reported_not_taken()
    {
        using var sys = Spawn();
        var buf = new byte[8];
        sys.Read(0x1000, buf).Should().Be(FaultResult.SegvMapErr);
        var ro = sys.Mmap(0, 4096, Prot.Read, MapFlags.Private | MapFlags.Anonymous);
        ro.Should().BeGreaterThan(0);
        sys.Read((ulong)ro, buf).Should().Be(FaultResult.Ok);
        sys.Write((ulong)ro, buf).Should().Be(FaultResult.SegvAccErr);
        var big = new byte[200_000];
        var rw = sys.Mmap(0, 256 << 10, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        Random.Shared.NextBytes(big);
        sys.Write((ulong)rw, big).Should().Be(FaultResult.Ok, "accesses larger than a frame are split");
        var back = new byte[big.Length];
        sys.Read((ulong)rw, back).Should().Be(FaultResult.Ok);
        back.Should().Equal(big);
        sys.Munmap((ulong)ro, 4096).Should().Be(0);
    }

    [SkippableFact]
    public void Signals_run_the_counting_handler()
    {
        using var sys = Spawn();
        sys.CatchSignal(Signal.SIGUSR1, restart: true);
        sys.Kill(sys.Pid, Signal.SIGUSR1).Should().Be(0);
        // The proxy blocks signals outside interruptible calls: the handler runs when the next one starts.
        sys.Poll(-1, PollEvents.In, 0).Should().Be(0, "poll of a negative fd waits for nothing");
        sys.SignalCount(Signal.SIGUSR1).Should().Be(1);
    }

    [SkippableFact]
    public void The_kernel_log_comes_back()
    {
        using var sys = Spawn();
        sys.Kmsg(4, "igt-proxy selftest marker");
        var records = sys.ReadKmsg().Select(Kernel.Printk.LogRecord.ParseKmsg).ToList();
        records.Should().Contain(r => r != null && r.Text == "igt-proxy selftest marker" && (int)r.Level == 4);
        sys.ReadKmsg().Should().NotContain(l => l.Contains("selftest marker"), "each record is read once");
    }

    [SkippableFact]
    public void A_dead_proxy_process_fails_the_test_instead_of_hanging_it()
    {
        int first;
        using (var sys = Spawn())
        {
            first = sys.Pid;
            // SIGKILL cannot be blocked: the process dies mid-call and the supervisor reports it.
            var act = () => sys.Kill(sys.Pid, Signal.SIGKILL);
            act.Should().Throw<ProxyException>().WithMessage("*died*");
            var again = () => sys.Open("/dev/dri/card0");
            again.Should().Throw<ProxyException>();
        }
        using var next = Spawn();
        next.Pid.Should().NotBe(first, "each session is a fresh process");
        next.Open("/dev/dri/card0").Should().BeGreaterThan(0);
    }
}
