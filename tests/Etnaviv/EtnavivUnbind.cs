using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_unbind: unbinding the driver (echo etnaviv &gt; .../driver/unbind) with files, BOs, mappings and jobs alive
/// must not oops: jobs complete or end with an error, every later ioctl gets -ENODEV, CPU mappings fault cleanly,
/// and the memory is freed when the last user goes (the 2015 "oops when unloading").
/// </summary>
public sealed class EtnavivUnbind(ITestOutputHelper output) : EtnavivTest(output)
{
    private const string UnbindPath = "/sys/class/drm/card0/device/driver/unbind";

    private long Meminfo(string field) => Thrash.MeminfoField(Sys, field);

    private void Unbind() => Sys.WriteTextFile(UnbindPath, "etnaviv").Should().Be(0, "the driver unbinds");

    /// <summary>A BO the GPU has mapped (page tables, command buffers in use), plus a mapped, touched one.</summary>
    private (uint Gpu, uint Cpu, ulong Map) Populate()
    {
        var gpuBo = EtnavivBo.New(Sys, Fd, 64 * 1024);
        var cpuBo = EtnavivBo.New(Sys, Fd, 16 * 1024);
        var map = EtnavivBo.Mmap(Sys, Fd, cpuBo, 16 * 1024);
        EtnavivBo.WriteU32(Sys, map, 0x1234);
        EtnavivFence.Wait(Sys, Fd, Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd,
            new EtnavivCmdStream().StoreDword(0, 0, 0x42).StoreDword(1, 4, 0x43),
            new EtnavivSubmitBo(gpuBo), new EtnavivSubmitBo(cpuBo)), TimeSpan.FromSeconds(5));
        return (gpuBo, cpuBo, map);
    }

    private void CheckGone(int fd)
    {
        EtnavivParam.TryGet(Sys, fd, EtnavivParams.GpuModel, out _).Should().Be(-Errno.ENODEV);
        EtnavivBo.TryNew(Sys, fd, 4096, EtnavivIoctls.BoWc, out _).Should().Be(-Errno.ENODEV);
        Igt.Etnaviv.EtnavivSubmit.TrySubmit(Sys, fd, new EtnavivCmdStream().Nop(), [], out _).Should().Be(-Errno.ENODEV);
        Sys.Open("/dev/dri/card0").Should().BeLessThan(0, "the node is gone");
    }

    [Subtest("unbind-with-open-objects")]
    public void UnbindWithOpenObjects()
    {
        var shmem0 = Meminfo("Shmem");
        var (gpuBo, cpuBo, map) = Populate();
        var kernelBefore = Meminfo("KernelStack");
        Meminfo("PageTables").Should().BeGreaterThan(0, "the GPU mapping uses page tables");
        Unbind();
        CheckGone(Fd);
        Gem.TryClose(Sys, Fd, gpuBo).Should().Be(-Errno.ENODEV);
        // The objects live on with their handles until the file goes: then everything is freed.
        Sys.Munmap(map, 16 * 1024).Should().Be(0);
        Sys.Close(Fd).Should().Be(0);
        MeminfoSettled("Shmem", shmem0).Should().Be(shmem0, "the BOs' pages are freed with the last user");
        MeminfoSettled("PageTables", 0).Should().Be(0, "the GPU page tables are freed with the last user");
        SpinWait.SpinUntil(() => kernelBefore - Meminfo("KernelStack") >= 512 * 1024, 2000);
        (kernelBefore - Meminfo("KernelStack")).Should().BeGreaterThanOrEqualTo(512 * 1024, "the command buffers are freed");
        _ = cpuBo;
    }

    [Subtest("unbind-with-job-in-flight")]
    public void UnbindWithJobInFlight()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var bo2 = EtnavivBo.New(Sys, Fd, 4096);
        StallFrontEnd(TimeSpan.FromMilliseconds(400));
        var syncFd = Igt.Etnaviv.EtnavivSubmit.SubmitWithFenceFd(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 0x77), new EtnavivSubmitBo(bo));
        var queued = Igt.Etnaviv.EtnavivSubmit.SubmitWithFenceFd(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 4, 0x78), new EtnavivSubmitBo(bo2));
        SpinWait.SpinUntil(() => (Sys.ReadTextFile("/sys/kernel/debug/dri/0/gpu") ?? "").Contains("active jobs: 2"), 2000)
            .Should().BeTrue("both jobs reached the hardware (debugfs gpu)");
        Sys.Poll(syncFd, PollEvents.In, 0).Should().Be(0, "the job is still on the GPU");
        Unbind();
        Sys.Poll(syncFd, PollEvents.In, 3000).Should().Be((int)PollEvents.In, "the job in flight completes or is cancelled");
        Sys.Poll(queued, PollEvents.In, 3000).Should().Be((int)PollEvents.In, "so does the one behind it");
        CheckGone(Fd);
        EtnavivFence.TryWait(Sys, Fd, 0, IgtEtnaviv.Deadline(TimeSpan.FromSeconds(1))).Should().Be(-Errno.ENODEV);
        Sys.Close(syncFd).Should().Be(0);
        Sys.Close(queued).Should().Be(0);
        Sys.Close(Fd).Should().Be(0);
        MeminfoSettled("PageTables", 0).Should().Be(0);
        MeminfoSettled("Shmem", 0).Should().Be(0);
    }

    [Subtest("unbind-with-mapping-in-use")]
    public void UnbindWithMappingInUse()
    {
        var (_, _, map) = Populate();
        var faults = 0L;
        var reads = 0L;
        using var stop = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            var buf = new byte[4];
            while (!stop.IsSet)
            {
                var r = Sys.Read(map, buf);
                if (r == FaultResult.Ok)
                    Interlocked.Increment(ref reads);
                else if (r == FaultResult.Bus)
                    Interlocked.Increment(ref faults);
                else
                    throw new InvalidOperationException($"unexpected fault {r}");
            }
        });
        reader.Start();
        SpinWait.SpinUntil(() => Interlocked.Read(ref reads) > 100, 5000).Should().BeTrue("the mapping works before the unbind");
        Unbind();
        SpinWait.SpinUntil(() => Interlocked.Read(ref faults) > 10, 5000).Should().BeTrue("after the unbind the mapping raises SIGBUS");
        stop.Set();
        reader.Join();
        var one = new byte[4];
        Sys.Read(map, one).Should().Be(FaultResult.Bus);
        Sys.Write(map, one).Should().Be(FaultResult.Bus);
        Sys.Munmap(map, 16 * 1024).Should().Be(0);
        Sys.Close(Fd).Should().Be(0);
        MeminfoSettled("Shmem", 0).Should().Be(0);
        MeminfoSettled("PageTables", 0).Should().Be(0);
    }
}
