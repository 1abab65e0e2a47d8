using System.Diagnostics;
using Igt.Drivers.Etnaviv;
using Igt.Drivers.Etnaviv.Hw;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel.Process;
using Xunit.Abstractions;
using Submit = Igt.Etnaviv.EtnavivSubmit;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_hang: on MMUv2 (no validator) a stream can stop the front end or touch unmapped memory. The 500 ms
/// job timeout finds no progress, the kernel logs "recover hung GPU!" and the offending task, resets, ends the
/// guilty job, re-runs the innocent ones, and the GPU works again.
/// </summary>
public sealed class EtnavivHang(ITestOutputHelper output) : EtnavivTest(output)
{
    protected override EtnavivIommuVersion Mmu => EtnavivIommuVersion.V2;

    private const string Core = "etnaviv-gpu 38000000.gpu";

    private bool DmesgHas(string text) => Machine.Dmesg.ReadAll().Any(r => r.Text.Contains(text, StringComparison.Ordinal));

    private void ExpectRecovery()
    {
        DmesgHas($"{Core}: recover hung GPU!").Should().BeTrue("hangcheck logs the recovery");
        DmesgHas($"{Core}: offending task: etnaviv_hang (etnaviv_hang)").Should().BeTrue("and names the offending task");
    }

    [Subtest("hang-recovery")]
    public void HangRecovery()
    {
        IgnoreDmesg("recover hung GPU!|offending task:");
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        // A second client with work queued behind the hang.
        var fd2 = IgtEtnaviv.Open(Sys);
        var bo2 = EtnavivBo.New(Sys, fd2, 4096);
        var map2 = EtnavivBo.Mmap(Sys, fd2, bo2, 4096);

        var sw = Stopwatch.StartNew();
        var hangFd = Submit.SubmitWithFenceFd(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 1).End(), new EtnavivSubmitBo(bo));
        var innocent = Submit.Submit(Sys, fd2, new EtnavivCmdStream().StoreDword(0, 0, 2), new EtnavivSubmitBo(bo2));
        Sys.Poll(hangFd, PollEvents.In, 5000).Should().Be((int)PollEvents.In, "the hung job ends after recovery");
        sw.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(400), "a hang is declared by the job timeout, not at once");
        ExpectRecovery();
        EtnavivFence.Wait(Sys, fd2, innocent, TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map2).Should().Be(2u, "the innocent job ran after the reset");
        EtnavivBo.ReadU32(Sys, map).Should().Be(1u, "the hung job's store before its END happened");

        // The GPU works again.
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 4, 3), new EtnavivSubmitBo(bo)), TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map + 4).Should().Be(3u);
    }

    [Subtest("hang-bad-opcode")]
    public void HangBadOpcode()
    {
        IgnoreDmesg("recover hung GPU!|offending task:");
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        var fence = Submit.Submit(Sys, Fd, new EtnavivCmdStream().Raw(0xf800_0000, 0), new EtnavivSubmitBo(bo));
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(5));
        ExpectRecovery();
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 9), new EtnavivSubmitBo(bo)), TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map).Should().Be(9u);
    }

    [Subtest("mmu-fault")]
    public void MmuFault()
    {
        IgnoreDmesg("MMU fault status|MMU 0 fault|recover hung GPU!|offending task:");
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        // RS store to an address nothing is mapped at.
        var cs = RawStore(0x7000_0040, 0xbad);
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, cs, new EtnavivSubmitBo(bo)), TimeSpan.FromSeconds(5));
        DmesgHas($"{Core}: MMU fault status 0x00000002").Should().BeTrue();
        DmesgHas($"{Core}: MMU 0 fault (page not present) addr 0x70000040").Should().BeTrue();
        ExpectRecovery();
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, 0, 5), new EtnavivSubmitBo(bo)), TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map).Should().Be(5u, "the GPU works after the fault");
    }

    [Subtest("mmu-write-violation")]
    public void MmuWriteViolation()
    {
        IgnoreDmesg("MMU fault status|MMU 0 fault|recover hung GPU!|offending task:");
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        // The kernel's command buffers are mapped read-only into every client's address space.
        var fence = Submit.Submit(Sys, Fd, RawStore(EtnavivCmdbufSuballoc.V2Va, 0xbad), new EtnavivSubmitBo(bo));
        EtnavivFence.Wait(Sys, Fd, fence, TimeSpan.FromSeconds(5));
        DmesgHas($"{Core}: MMU fault status 0x00000003").Should().BeTrue();
        DmesgHas($"{Core}: MMU 0 fault (write violation) addr 0x{EtnavivCmdbufSuballoc.V2Va:x8}").Should().BeTrue();
        ExpectRecovery();
    }

    /// <summary>A 1x1 RS fill to a raw GPU address (no relocation: only MMUv2 runs such a stream).</summary>
    private static EtnavivCmdStream RawStore(uint address, uint value) =>
        new EtnavivCmdStream()
            .LoadState(EtnavivStates.RsConfig, EtnavivStates.RsConfigValue(EtnavivStates.RsFormatA8R8G8B8, EtnavivStates.RsFormatA8R8G8B8))
            .LoadState(EtnavivStates.RsDestStride, 4)
            .LoadState(EtnavivStates.RsDestAddr, address)
            .LoadState(EtnavivStates.RsWindowSize, EtnavivStates.RsWindow(1, 1))
            .LoadState(EtnavivStates.RsFillValue0, value)
            .LoadState(EtnavivStates.RsClearControl, EtnavivStates.RsClearControlModeEnabled1)
            .LoadState(EtnavivStates.RsKicker, EtnavivStates.RsKick);
}
