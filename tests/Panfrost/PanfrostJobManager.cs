using System.Buffers.Binary;
using Igt.Drivers.Panfrost.Uapi;
using Igt.Fixtures;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_job_manager: the job manager as the dword-write tests depend on it. WRITE_VALUE of every immediate width
/// and ZERO, long chains through next_job, job_index dependencies inside a chain, in-sync dependencies between
/// submissions, both job slots busy at once, a chain that is run twice, and heap BOs that grow on GPU faults.
/// </summary>
public sealed class PanfrostJobManager(ITestOutputHelper output) : PanfrostTest(output)
{
    [Subtest("write-value-types")]
    public void WriteValueTypes()
    {
        var target = GemNewMapped(Sys, Fd, 4096, fill: 0xee);
        var desc = GemNewMapped(Sys, Fd, 4096);
        var chain = new PanfrostJobChain(desc);
        chain.WriteValue(target.Offset + 0x00, PanfrostJobDesc.WriteImm8, 0x1122334455667788);
        chain.WriteValue(target.Offset + 0x10, PanfrostJobDesc.WriteImm16, 0x1122334455667788);
        chain.WriteValue(target.Offset + 0x20, PanfrostJobDesc.WriteImm32, 0x1122334455667788);
        chain.WriteValue(target.Offset + 0x30, PanfrostJobDesc.WriteImm64, 0x1122334455667788);
        chain.WriteValue(target.Offset + 0x40, PanfrostJobDesc.WriteZero, 0x1122334455667788);
        chain.WriteValue(target.Offset + 0x50, PanfrostJobDesc.WriteSystemTimestamp);
        chain.Commit(Sys);
        var job = PanfrostSubmission.Create(Sys, Fd, desc, chain.Head, [desc.Handle, target.Handle]);
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd);

        var b = target.Read(Sys, 0, 0x60);
        Hex(b, 0x00, 9).Should().Be("88eeeeeeeeeeeeeeee", "imm8 writes one byte");
        Hex(b, 0x10, 9).Should().Be("8877eeeeeeeeeeeeee", "imm16 writes two bytes");
        Hex(b, 0x20, 9).Should().Be("88776655eeeeeeeeee", "imm32 writes four bytes");
        Hex(b, 0x30, 9).Should().Be("8877665544332211ee", "imm64 writes eight bytes");
        Hex(b, 0x40, 9).Should().Be("0000000000000000ee", "ZERO clears eight bytes");
        BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(0x50)).Should().NotBe(0xeeeeeeeeeeeeeeee, "the timestamp was written");
        for (var i = 0; i < chain.Count; i++)
            chain.Status(Sys, i).Should().Be(PanfrostJobDesc.StatusDone, $"job {i} DONE");
    }

    [Subtest("chained-jobs")]
    public void ChainedJobs()
    {
        const int n = 60;
        var target = GemNewMapped(Sys, Fd, 4096);
        var desc = GemNewMapped(Sys, Fd, n * PanfrostJobDesc.Stride);
        var chain = new PanfrostJobChain(desc);
        for (var i = 0; i < n; i++)
            chain.WriteValue(target.Offset + (ulong)(i * 4), PanfrostJobDesc.WriteImm32, 0x1000u + (uint)i);
        chain.Commit(Sys);
        var job = PanfrostSubmission.Create(Sys, Fd, desc, chain.Head, [desc.Handle, target.Handle]);
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd);
        for (var i = 0; i < n; i++)
        {
            target.ReadU32(Sys, (ulong)(i * 4)).Should().Be(0x1000u + (uint)i, $"job {i} of the chain ran");
            chain.Status(Sys, i).Should().Be(PanfrostJobDesc.StatusDone);
        }
    }

    /// <summary>Job 1 depends on job 3 which comes later in the chain: it runs after it, so its value wins.</summary>
    [Subtest("job-dependencies")]
    public void JobDependencies()
    {
        var target = GemNewMapped(Sys, Fd, 4096);
        var desc = GemNewMapped(Sys, Fd, 4096);
        var chain = new PanfrostJobChain(desc);
        chain.WriteValue(target.Offset, PanfrostJobDesc.WriteImm32, 0x1111, dep1: 3);
        chain.WriteValue(target.Offset + 4, PanfrostJobDesc.WriteImm32, 0x2222, dep1: 1);
        chain.WriteValue(target.Offset, PanfrostJobDesc.WriteImm32, 0x3333);
        chain.Commit(Sys);
        var job = PanfrostSubmission.Create(Sys, Fd, desc, chain.Head, [desc.Handle, target.Handle]);
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd);
        target.ReadU32(Sys, 0).Should().Be(0x1111u, "job 1 waited for job 3");
        target.ReadU32(Sys, 4).Should().Be(0x2222u, "job 2 ran after job 1");
    }

    /// <summary>A job on the other slot waits for its in-sync (the spinner's out-sync): nothing runs until the spinner ends.</summary>
    [Subtest("in-sync-dependency")]
    public void InSyncDependency()
    {
        var spin = PanfrostSpin.Submit(Sys, Fd);
        var job = PanfrostSubmission.WriteValueJob(Sys, Fd, triggerPageFault: false);
        using var arr = Os.UserBuffer.From<uint>(Sys, [spin.OutSync]);
        job.Args.InSyncs = arr.Addr;
        job.Args.InSyncCount = 1;
        job.Args.Requirements = PanfrostIoctls.JdReqFs; // JS0: only the in-sync can hold it back
        job.Submit(Sys, Fd);

        job.Wait(Sys, Fd, 30_000_000).Should().BeFalse("the job waits for its in-sync");
        job.SubmitBo.ReadU32(Sys, PanfrostSubmission.WriteValueTargetOffset).Should().Be(0xffffffffu, "not run yet");
        spin.End(Sys);
        AssertCompletes(job, Fd, what: "dependent job");
        job.SubmitBo.ReadU32(Sys, PanfrostSubmission.WriteValueTargetOffset).Should().Be(0u, "it ran once the spinner ended");
        spin.Free(Sys, Fd);
    }

    /// <summary>A fragment-slot (JS0) job runs while JS1 is kept busy by a spinner.</summary>
    [Subtest("both-slots")]
    public void BothSlots()
    {
        var spin = PanfrostSpin.Submit(Sys, Fd);
        var job = PanfrostSubmission.WriteValueJob(Sys, Fd, triggerPageFault: false);
        job.Args.Requirements = PanfrostIoctls.JdReqFs;
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd, 200_000_000, "JS0 job");
        spin.Wait(Sys, Fd, 0).Should().BeFalse("JS1 is still spinning");
        AssertDone(Sys, job.SubmitBo);
        spin.Free(Sys, Fd);
    }

    /// <summary>Running a chain whose headers already say DONE is a DATA_INVALID_FAULT; the fault is reported.</summary>
    [Subtest("rerun-done-chain")]
    public void RerunDoneChain()
    {
        ExpectGpuFaults();
        var job = PanfrostSubmission.WriteValueJob(Sys, Fd, triggerPageFault: false);
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd);
        AssertDone(Sys, job.SubmitBo);
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd, what: "re-run");
        job.SubmitBo.ReadU32(Sys, 0).Should().Be(0x58u, "the header reports DATA_INVALID_FAULT");
        DmesgLines("js fault").Should().ContainSingle().Which.Should().Contain("status=DATA_INVALID_FAULT");
    }

    /// <summary>A HEAP BO has no pages until the GPU touches it: the fault maps 2 MiB silently and the job goes on.</summary>
    [Subtest("heap-grows-on-fault")]
    public void HeapGrowsOnFault()
    {
        var heap = GemNew(Sys, Fd, 4 << 20, PanfrostIoctls.BoNoexec | PanfrostIoctls.BoHeap);
        var desc = GemNewMapped(Sys, Fd, 4096);
        var chain = new PanfrostJobChain(desc);
        chain.WriteValue(heap.Offset + (3 << 20) + 8, PanfrostJobDesc.WriteImm32, 0xfeed);
        chain.WriteValue(heap.Offset + 16, PanfrostJobDesc.WriteImm64, 0xbeef);
        chain.Commit(Sys);
        var job = PanfrostSubmission.Create(Sys, Fd, desc, chain.Head, [desc.Handle, heap.Handle]);
        job.Submit(Sys, Fd);
        AssertCompletes(job, Fd);
        chain.Status(Sys, 0).Should().Be(PanfrostJobDesc.StatusDone);
        chain.Status(Sys, 1).Should().Be(PanfrostJobDesc.StatusDone);
        GpuFaults().Should().BeEmpty("heap faults are handled, not reported");
    }

    private static string Hex(byte[] b, int offset, int count) => Convert.ToHexString(b, offset, count).ToLowerInvariant();
}
