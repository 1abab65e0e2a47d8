using Igt.Drivers.Etnaviv;
using Igt.Drivers.Etnaviv.Hw;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;
using Submit = Igt.Etnaviv.EtnavivSubmit;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_cmd_parser: on MMUv1 the kernel validates the stream: only harmless commands, address states only
/// through relocations, nothing past the end, each refusal named in dmesg. MMUv2 does not validate.
/// </summary>
[IgtBinary("etnaviv_cmd_parser")]
public sealed class EtnavivCmdParserTest(ITestOutputHelper output) : EtnavivTest(output)
{
    private const string Restricted = "etnaviv-gpu 130000.gpu: etnaviv_validate_load_state: load state touches restricted state";
    private const string NotPermitted = "etnaviv-gpu 130000.gpu: etnaviv_cmd_validate_one: op";
    private const string Overflow = "etnaviv-gpu 130000.gpu: etnaviv_cmd_validate_one: commands overflow end of buffer";

    private bool DmesgHas(string text) => Machine.Dmesg.ReadAll().Any(r => r.Text.Contains(text, StringComparison.Ordinal));

    [Subtest("forbidden-state")]
    public void ForbiddenState()
    {
        IgnoreDmesg(Restricted);
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        // RS_DEST_ADDR loaded with a raw address instead of a relocation: the stream could write anywhere.
        var cs = new EtnavivCmdStream().LoadState(EtnavivStates.RsDestAddr, 0x0010_0000);
        Submit.TrySubmit(Sys, Fd, cs, [new EtnavivSubmitBo(bo)], out _).Should().Be(-Errno.EINVAL);
        DmesgHas($"{Restricted} 0x1610 at offset 4").Should().BeTrue("the refusal names the state and the offset");
        // Inside a multi-state load too: RS_SOURCE_ADDR is the second of three.
        var multi = new EtnavivCmdStream().LoadState(EtnavivStates.RsConfig, 0, 0x8000_0000, 64);
        Submit.TrySubmit(Sys, Fd, multi, [new EtnavivSubmitBo(bo)], out _).Should().Be(-Errno.EINVAL);
        DmesgHas($"{Restricted} 0x1608 at offset 8").Should().BeTrue();
        // Every range of the table is enforced.
        foreach (var (address, count) in EtnavivCmdParser.SensitiveRanges)
        {
            var last = address + (count - 1) * 4;
            Submit.TrySubmit(Sys, Fd, new EtnavivCmdStream().LoadState(last, 0x1000), [new EtnavivSubmitBo(bo)], out _)
                .Should().Be(-Errno.EINVAL, $"state 0x{last:x} is sensitive");
        }
    }

    [Subtest("state-with-reloc")]
    public void StateWithReloc()
    {
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, 4096);
        // The same state through a relocation is fine, and so are states that hold no address.
        var cs = new EtnavivCmdStream().LoadState(EtnavivStates.GlFlushCache, 3).StoreDword(0, 8, 0x77).Nop().SemaphoreStall();
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, cs, new EtnavivSubmitBo(bo)), TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map + 8).Should().Be(0x77u);
    }

    [Subtest("forbidden-ops")]
    public void ForbiddenOps()
    {
        IgnoreDmesg(NotPermitted);
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        var cases = new (EtnavivCmdStream Stream, uint Op, int Offset)[]
        {
            (new EtnavivCmdStream().Nop().Link(2, 0x8000_0000), EtnavivCmdstream.OpLink, 2),
            (new EtnavivCmdStream().Wait(), EtnavivCmdstream.OpWait, 0),
            (new EtnavivCmdStream().Nop().Nop().End(), EtnavivCmdstream.OpEnd, 4),
            (new EtnavivCmdStream().Raw(EtnavivCmdstream.OpCall << 27, 0, 0, 0), EtnavivCmdstream.OpCall, 0),
            (new EtnavivCmdStream().Raw(EtnavivCmdstream.OpReturn << 27, 0), EtnavivCmdstream.OpReturn, 0),
            (new EtnavivCmdStream().Raw(EtnavivCmdstream.OpChipSelect << 27, 0), EtnavivCmdstream.OpChipSelect, 0),
            (new EtnavivCmdStream().Raw(0, 0), 0, 0),
        };
        foreach (var (cs, op, offset) in cases)
        {
            Submit.TrySubmit(Sys, Fd, cs, [new EtnavivSubmitBo(bo)], out _).Should().Be(-Errno.EINVAL, $"op {op} is not for user streams");
            DmesgHas($"{NotPermitted} {op} not permitted at offset {offset}").Should().BeTrue($"dmesg names op {op} at dword {offset}");
        }
    }

    [Subtest("overflow")]
    public void Overflow_()
    {
        IgnoreDmesg(Overflow);
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        // A LOAD_STATE announcing 5 values with only 1 in the stream.
        var cs = new EtnavivCmdStream().Raw(EtnavivCmdstream.LoadState(EtnavivStates.GlFlushCache, 5), 0);
        Submit.TrySubmit(Sys, Fd, cs, [new EtnavivSubmitBo(bo)], out _).Should().Be(-Errno.EINVAL);
        DmesgHas($"{Overflow}: 6 > 2").Should().BeTrue();
        // A DRAW_2D of 4 rectangles (10 dwords) cut short.
        var draw = new EtnavivCmdStream().Raw((EtnavivCmdstream.OpDraw2D << 27) | (4 << 8), 0, 0, 0);
        Submit.TrySubmit(Sys, Fd, draw, [new EtnavivSubmitBo(bo)], out _).Should().Be(-Errno.EINVAL);
    }

    [Subtest("mmuv2-not-validated")]
    public void MmuV2NotValidated()
    {
        BootMmu(EtnavivIommuVersion.V2);
        var bo = EtnavivBo.New(Sys, Fd, 4096);
        // The same streams MMUv1 refuses are accepted: MMUv2 page tables confine them instead.
        var ops = new EtnavivCmdStream().Nop().LoadState(EtnavivStates.GlFlushCache, 3).Raw(EtnavivCmdstream.OpChipSelect << 27, 1);
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, ops, new EtnavivSubmitBo(bo)), TimeSpan.FromSeconds(5));
        DmesgHas("etnaviv_cmd_validate_one").Should().BeFalse();
    }
}
