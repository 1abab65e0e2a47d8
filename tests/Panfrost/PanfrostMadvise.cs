using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_madvise: the purgeable-BO contract a userspace BO cache relies on. DONTNEED puts a BO on the
/// shrinker's list, WILLNEED takes it off and reports whether the backing store survived; reclaim purges idle
/// DONTNEED BOs (never those a job in flight uses, never shared ones), and a purged BO faults cleanly on the GPU
/// and with SIGBUS on the CPU.
/// </summary>
public sealed class PanfrostMadvise(ITestOutputHelper output) : PanfrostTest(output)
{
    [Subtest("mark-willneed")]
    public void MarkWillneed()
    {
        var bo = GemNewMapped(Sys, Fd, 8192, fill: 0x5a);
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvWillneed).Should().BeTrue("a fresh BO is retained");
        bo.Read(Sys, 0, 8192).Should().OnlyContain(b => b == 0x5a);
    }

    [Subtest("mark-dontneed")]
    public void MarkDontneed()
    {
        var bo = GemNewMapped(Sys, Fd, 8192, fill: 0xa5);
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvDontneed).Should().BeTrue("DONTNEED keeps the pages until reclaim");
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvDontneed).Should().BeTrue("marking twice is fine");
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvWillneed).Should().BeTrue("nothing reclaimed it");
        bo.Read(Sys, 0, 8192).Should().OnlyContain(b => b == 0xa5, "the contents survive DONTNEED then WILLNEED");
    }

    /// <summary>An idle DONTNEED BO is purged under memory pressure: retained = 0, CPU SIGBUS, WILLNEED cannot revive it.</summary>
    [Subtest("purge-idle-dontneed")]
    public void PurgeIdleDontneed()
    {
        var keep = GemNewMapped(Sys, Fd, 16384, fill: 0x11);
        var bo = GemNewMapped(Sys, Fd, 16384, fill: 0x22);
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvDontneed).Should().BeTrue();
        Thrash.UntilReclaimed(Sys, 64);
        Thrash.PurgeVmCaches(Sys);

        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvWillneed).Should().BeFalse("reclaim purged the idle DONTNEED BO");
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvWillneed).Should().BeFalse("a purged BO stays purged");
        bo.TryRead(Sys, 0, new byte[4]).Should().Be(FaultResult.Bus, "the CPU map of a purged BO raises SIGBUS");
        keep.Read(Sys, 0, 16384).Should().OnlyContain(b => b == 0x11, "WILLNEED BOs are never purged");
        DmesgLines("Purging ").Should().NotBeEmpty("the panfrost shrinker ran");
        Gem.Close(Sys, Fd, bo.Handle);
    }

    /// <summary>A GPU write into a purged BO faults cleanly: the job fails, the fault is reported, the context still works.</summary>
    [Subtest("access-purged-bo-faults")]
    public void AccessPurgedBoFaults()
    {
        ExpectGpuFaults();
        var bo = GemNewMapped(Sys, Fd, 16384);
        // The job BO first: allocated after the purge it could take the purged BO's freed VA range.
        var desc = GemNewMapped(Sys, Fd, 4096);
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvDontneed).Should().BeTrue();
        Thrash.PurgeVmCaches(Sys);
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvWillneed).Should().BeFalse("drop_caches purged it");

        var chain = new PanfrostJobChain(desc);
        chain.WriteValue(bo.Offset + 64, PanfrostJobDesc.WriteImm32, 0xdead);
        chain.Commit(Sys);
        var job = PanfrostSubmission.Create(Sys, Fd, desc, chain.Head, [desc.Handle, bo.Handle]);
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd, what: "job writing into a purged BO");
        chain.Status(Sys, 0).Should().NotBe(PanfrostJobDesc.StatusDone, "the write into the purged BO faulted");
        DmesgLines("Unhandled Page fault").Should().ContainSingle().Which.Should().Contain($"at VA 0x{bo.Offset + 64:X16}");

        // The address space was re-enabled: the next job of this file runs.
        var next = PanfrostSubmission.WriteValueJob(Sys, Fd, triggerPageFault: false);
        next.Submit(Sys, Fd);
        AssertCompletes(next, Fd);
        AssertDone(Sys, next.SubmitBo);
        Sys.ReadTextFile("/proc/sys/kernel/tainted")!.Trim().Should().Be("0", "no KASAN report, no oops");
    }

    /// <summary>DONTNEED on a BO another file also maps is refused: only the sole user may mark it purgeable.</summary>
    [Subtest("dontneed-shared-bo")]
    public void DontneedSharedBo()
    {
        var fd2 = Open(Sys);
        var bo = GemNewMapped(Sys, Fd, 8192, fill: 0x33);
        var h2 = Gem.Open(Sys, fd2, Gem.Flink(Sys, Fd, bo.Handle));
        Errno.Name(TryMadvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvDontneed, out _)).Should().Be("EINVAL", "the BO is mapped in two files");
        Errno.Name(TryMadvise(Sys, fd2, h2, PanfrostIoctls.MadvDontneed, out _)).Should().Be("EINVAL", "from the other file too");
        Thrash.PurgeVmCaches(Sys);
        bo.Read(Sys, 0, 8192).Should().OnlyContain(b => b == 0x33, "a shared BO is never purged under its users");

        Gem.Close(Sys, fd2, h2);
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvDontneed).Should().BeTrue("once the sharer is gone DONTNEED is allowed");
        Madvise(Sys, Fd, bo.Handle, PanfrostIoctls.MadvWillneed).Should().BeTrue();
    }

    /// <summary>
    /// The mesa pattern from the thread: BOs marked DONTNEED right after the submit that uses them. Reclaim while the
    /// job is in flight must leave them alone; the job's values land and nothing faults.
    /// </summary>
    [Subtest("dontneed-busy-not-purged")]
    public void DontneedBusyNotPurged()
    {
        var target = GemNewMapped(Sys, Fd, 16384);
        var desc = GemNewMapped(Sys, Fd, 4096);
        var chain = new PanfrostJobChain(desc);
        for (var k = 0; k < 16; k++)
            chain.WriteValue(target.Offset + (ulong)(k * 1024), PanfrostJobDesc.WriteImm32, 0xb0b00000u + (uint)k);
        chain.Commit(Sys);
        var spin = PanfrostSpin.Submit(Sys, Fd, [target.Handle, desc.Handle], then: chain.Head);
        foreach (var h in new[] { target.Handle, desc.Handle })
            Madvise(Sys, Fd, h, PanfrostIoctls.MadvDontneed).Should().BeTrue();
        Thrash.PurgeVmCaches(Sys);
        Thrash.PurgeVmCaches(Sys);
        spin.End(Sys);
        spin.Wait(Sys, Fd, 1_000_000_000).Should().BeTrue("the job completes");

        GpuFaults().Should().BeEmpty("busy BOs were not purged under the job");
        for (var k = 0; k < 16; k++)
            target.ReadU32(Sys, (ulong)(k * 1024)).Should().Be(0xb0b00000u + (uint)k, $"value {k} landed");
        Madvise(Sys, Fd, target.Handle, PanfrostIoctls.MadvWillneed).Should().BeTrue("the BO was busy during reclaim");
    }
}
