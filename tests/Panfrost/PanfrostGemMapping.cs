using Igt.Drm;
using Igt.Fixtures;
using Igt.Panfrost;
using Xunit.Abstractions;
using static Igt.Panfrost.Panfrost;

namespace Igt.Tests.Panfrost;

/// <summary>
/// panfrost_gem_mapping: what the 2019 panfrost_gem_mapping thread asked IGT to cover. GPU mappings are per BO per
/// address space and refcounted; jobs hold them, so a handle closed mid-flight stays mapped until the job is done,
/// and a BO shared by flink or dma-buf is mapped, at its own VA, in every file that opened it.
/// </summary>
public sealed class PanfrostGemMapping(ITestOutputHelper output) : PanfrostTest(output)
{
    /// <summary>WRITE_VALUE jobs whose BOs' handles are closed right after submit: every value lands, no fault.</summary>
    [Subtest("close-handle-while-job-in-flight")]
    public void CloseHandleWhileJobInFlight()
    {
        const int targets = 4;
        const int writesPerTarget = 8;
        var bos = Enumerable.Range(0, targets).Select(_ => GemNewMapped(Sys, Fd, 8192)).ToList();
        var desc = GemNewMapped(Sys, Fd, 4096);
        var chain = new PanfrostJobChain(desc);
        for (var t = 0; t < targets; t++)
            for (var k = 0; k < writesPerTarget; k++)
                chain.WriteValue(bos[t].Offset + Slot(k), PanfrostJobDesc.WriteImm32, Value(t, k));
        chain.Commit(Sys);

        // The spinner holds the chain back until every handle is gone; then the writes run.
        var spin = PanfrostSpin.Submit(Sys, Fd, [desc.Handle, .. bos.Select(b => b.Handle)], then: chain.Head);
        foreach (var bo in bos)
            Gem.Close(Sys, Fd, bo.Handle);
        Gem.Close(Sys, Fd, desc.Handle);
        Gem.Close(Sys, Fd, spin.Bo.Handle);
        spin.End(Sys);
        spin.Wait(Sys, Fd, 1_000_000_000).Should().BeTrue("the job completes");

        for (var t = 0; t < targets; t++)
            for (var k = 0; k < writesPerTarget; k++)
                bos[t].ReadU32(Sys, Slot(k)).Should().Be(Value(t, k), $"dword {k} of BO {t}, whose handle was closed mid-flight");
        for (var i = 0; i < chain.Count; i++)
            chain.Status(Sys, i).Should().Be(PanfrostJobDesc.StatusDone, $"write job {i} is DONE");
        GpuFaults().Should().BeEmpty("closing handles must not unmap BOs a job still uses");

        foreach (var bo in bos.Append(desc))
            Unmap(Sys, bo);
        spin.Free(Sys, Fd, handleOpen: false);
    }

    /// <summary>
    /// One BO shared by GEM_FLINK (into a second file) and by a dma-buf self-import (into a third): each file's job
    /// writes its own region through its own VA; the first file then closes its handle and the others write again.
    /// </summary>
    [Subtest("shared-bo-two-address-spaces")]
    public void SharedBoTwoAddressSpaces()
    {
        const ulong region = 4096;
        const int writes = 16;
        var fds = new[] { Fd, Open(Sys), OpenRender(Sys) };
        // Fillers so the shared BO lands at a different VA in each address space.
        GemNew(Sys, fds[1], 64 << 10);
        GemNew(Sys, fds[2], 128 << 10);

        var shared = GemNewMapped(Sys, fds[0], 4 * region);
        var handles = new uint[3];
        handles[0] = shared.Handle;
        handles[1] = Gem.Open(Sys, fds[1], Gem.Flink(Sys, fds[0], shared.Handle));
        var dmabuf = Gem.PrimeHandleToFd(Sys, fds[0], shared.Handle);
        handles[2] = Gem.PrimeFdToHandle(Sys, fds[2], dmabuf);
        var vas = Enumerable.Range(0, 3).Select(i => GetBoOffset(Sys, fds[i], handles[i])).ToArray();
        Log($"shared BO VAs: {string.Join(", ", vas.Select(v => $"0x{v:x}"))}");

        for (var round = 0; round < 2; round++)
        {
            var first = round == 0 ? 0 : 1;
            var jobs = new List<(int Fd, PanfrostSubmission Job)>();
            for (var i = first; i < 3; i++)
            {
                var desc = GemNewMapped(Sys, fds[i], 4096);
                var chain = new PanfrostJobChain(desc);
                for (var k = 0; k < writes; k++)
                    chain.WriteValue(vas[i] + (ulong)i * region + Slot(k), PanfrostJobDesc.WriteImm32, Value(i, k + round * 100));
                chain.Commit(Sys);
                var job = PanfrostSubmission.Create(Sys, fds[i], desc, chain.Head, [desc.Handle, handles[i]]);
                job.Submit(Sys, fds[i]);
                jobs.Add((fds[i], job));
            }
            foreach (var (fd, job) in jobs)
                AssertCompletes(job, fd);
            for (var i = first; i < 3; i++)
                for (var k = 0; k < writes; k++)
                    shared.ReadU32(Sys, (ulong)i * region + Slot(k)).Should().Be(Value(i, k + round * 100),
                        $"round {round}: dword {k} written through file {i}'s VA 0x{vas[i]:x}");
            // The creator closes its handle (keeping its CPU map): the other files' mappings must survive it.
            if (round == 0)
                Gem.Close(Sys, fds[0], handles[0]);
        }
        GpuFaults().Should().BeEmpty("every file's job used its own mapping");
        vas.Distinct().Should().HaveCount(3, "each address space placed the BO itself");
    }

    private static ulong Slot(int k) => (ulong)(k * 4 * 17 % 4096) & ~3UL;

    private static uint Value(int bo, int k) => 0xc0de0000u | (uint)(bo << 8) | (uint)k;
}
