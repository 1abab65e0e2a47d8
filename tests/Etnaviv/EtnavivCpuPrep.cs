using System.Diagnostics;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>etnaviv_cpu_prep: CPU_PREP/CPU_FINI around GPU use, with NOSYNC, deadlines and signals.</summary>
public sealed class EtnavivCpuPrep(ITestOutputHelper output) : EtnavivTest(output)
{
    private static readonly TimeSpan JobTime = TimeSpan.FromMilliseconds(300);

    /// <summary>Makes every job take <see cref="JobTime"/> in the front end, and submits one writing the BO.</summary>
    private uint BusyWrite(uint bo, uint flags = EtnavivIoctls.SubmitBoWrite)
    {
        StallFrontEnd(JobTime);
        return Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 1), new EtnavivSubmitBo(bo, flags));
    }

    [Subtest("cpu-prep-idle")]
    public void CpuPrepIdle()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        foreach (var op in new[] { EtnavivIoctls.PrepRead, EtnavivIoctls.PrepWrite, EtnavivIoctls.PrepRead | EtnavivIoctls.PrepWrite,
                     EtnavivIoctls.PrepRead | EtnavivIoctls.PrepNoSync, EtnavivIoctls.PrepWrite | EtnavivIoctls.PrepNoSync })
        {
            EtnavivBo.TryCpuPrep(Sys, Fd, bo, op, IgtEtnaviv.Deadline(TimeSpan.FromSeconds(1))).Should().Be(0, $"op {op} on an idle BO");
            EtnavivBo.CpuFini(Sys, Fd, bo);
        }
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepWrite, IgtEtnaviv.Expired).Should().Be(0, "an idle BO needs no time");
    }

    [Subtest("cpu-prep-bad-args")]
    public void CpuPrepBadArgs()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var deadline = IgtEtnaviv.Deadline(TimeSpan.FromSeconds(1));
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, 0x8, deadline).Should().Be(-Errno.EINVAL);
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead | 0x100, deadline).Should().Be(-Errno.EINVAL);
        EtnavivBo.TryCpuPrep(Sys, Fd, 0x4242, EtnavivIoctls.PrepRead, deadline).Should().Be(-Errno.ENOENT);
        EtnavivBo.TryCpuFini(Sys, Fd, bo, flags: 1).Should().Be(-Errno.EINVAL);
        EtnavivBo.TryCpuFini(Sys, Fd, 0x4242).Should().Be(-Errno.ENOENT);
    }

    [Subtest("cpu-prep-cached")]
    public void CpuPrepCached()
    {
        // The GPU does not snoop the CPU cache: a CACHED BO is only coherent inside CPU_PREP/CPU_FINI.
        var bo = EtnavivBo.New(Sys, Fd, 4096, EtnavivIoctls.BoCached);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        var dst = EtnavivBo.New(Sys, Fd, 4096, EtnavivIoctls.BoWc);
        var dstMap = EtnavivBo.Mmap(Sys, Fd, dst, 4096);

        EtnavivBo.CpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepWrite, TimeSpan.FromSeconds(1));
        for (uint i = 0; i < 16; i++)
            EtnavivBo.WriteU32(Sys, map + i * 4, 0x11110000 + i);
        EtnavivBo.CpuFini(Sys, Fd, bo);
        EtnavivFence.Wait(Sys, Fd, Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().CopyBuffer(0, 0, 1, 0, 64),
            new EtnavivSubmitBo(bo, EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(dst, EtnavivIoctls.SubmitBoWrite)), TimeSpan.FromSeconds(5));
        for (uint i = 0; i < 16; i++)
            EtnavivBo.ReadU32(Sys, dstMap + i * 4).Should().Be(0x11110000 + i, "CPU_FINI made the CPU's writes visible to the GPU");

        EtnavivFence.Wait(Sys, Fd, Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 8, 0x2222),
            new EtnavivSubmitBo(bo, EtnavivIoctls.SubmitBoWrite)), TimeSpan.FromSeconds(5));
        EtnavivBo.CpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead, TimeSpan.FromSeconds(1));
        EtnavivBo.ReadU32(Sys, map + 8).Should().Be(0x2222u, "CPU_PREP made the GPU's write visible to the CPU");
        EtnavivBo.ReadU32(Sys, map + 12).Should().Be(0x11110003u);
        EtnavivBo.CpuFini(Sys, Fd, bo);
    }

    [Subtest("cpu-prep-nosync-busy")]
    public void CpuPrepNoSyncBusy()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var fence = BusyWrite(bo);
        var deadline = IgtEtnaviv.Deadline(TimeSpan.FromSeconds(5));
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead | EtnavivIoctls.PrepNoSync, deadline).Should().Be(-Errno.EBUSY,
            "the GPU is writing the BO");
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepWrite | EtnavivIoctls.PrepNoSync, deadline).Should().Be(-Errno.EBUSY);
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead, deadline).Should().Be(0, "a blocking prep waits for the job");
        EtnavivFence.IsSignaled(Sys, Fd, fence).Should().BeTrue();
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepWrite | EtnavivIoctls.PrepNoSync, deadline).Should().Be(0);
    }

    [Subtest("cpu-prep-read-shares")]
    public void CpuPrepReadShares()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var dst = EtnavivBo.New(Sys, Fd, 4096);
        StallFrontEnd(JobTime);
        Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().CopyBuffer(0, 0, 1, 0, 4096),
            new EtnavivSubmitBo(bo, EtnavivIoctls.SubmitBoRead), new EtnavivSubmitBo(dst, EtnavivIoctls.SubmitBoWrite));
        var deadline = IgtEtnaviv.Deadline(TimeSpan.FromSeconds(5));
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead | EtnavivIoctls.PrepNoSync, deadline).Should().Be(0,
            "the GPU only reads the source: the CPU may read it too");
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepWrite | EtnavivIoctls.PrepNoSync, deadline).Should().Be(-Errno.EBUSY,
            "but may not write it");
        EtnavivBo.TryCpuPrep(Sys, Fd, dst, EtnavivIoctls.PrepRead | EtnavivIoctls.PrepNoSync, deadline).Should().Be(-Errno.EBUSY);
        EtnavivBo.CpuPrep(Sys, Fd, dst, EtnavivIoctls.PrepRead, TimeSpan.FromSeconds(5));
    }

    [Subtest("cpu-prep-timeout")]
    public void CpuPrepTimeout()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        BusyWrite(bo);
        var sw = Stopwatch.StartNew();
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead, IgtEtnaviv.Deadline(TimeSpan.FromMilliseconds(50)))
            .Should().Be(-Errno.ETIMEDOUT, "the job outlives the deadline");
        sw.Elapsed.Should().BeLessThan(JobTime, "the wait ends at the deadline, not with the job");
        EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead, IgtEtnaviv.Expired).Should().Be(-Errno.ETIMEDOUT,
            "a deadline in the past polls");
        EtnavivBo.CpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead, TimeSpan.FromSeconds(5));
    }

    [Subtest("cpu-prep-interrupted")]
    public void CpuPrepInterrupted()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        BusyWrite(bo);
        var deadline = IgtEtnaviv.Deadline(TimeSpan.FromSeconds(10));
        var before = Sys.InterruptedSyscalls;
        var sw = Stopwatch.StartNew();
        using (SignalHelper.Start(Sys, MachineSeed("signal"), periodUs: 1000))
            EtnavivBo.TryCpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepRead, deadline).Should().Be(0);
        Sys.InterruptedSyscalls.Should().BeGreaterThan(before, "signals interrupted the wait, which restarted");
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "restarts keep the absolute deadline and end with the job");
        EtnavivBo.ReadU32(Sys, map).Should().Be(1u);
    }
}
