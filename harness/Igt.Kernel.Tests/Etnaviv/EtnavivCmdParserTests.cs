using Igt.Drivers.Etnaviv;
using Igt.Drivers.Etnaviv.Hw;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;

namespace Igt.Kernel.Tests.Etnaviv;

/// <summary>The MMUv1 validator's table and walk (etnaviv_cmd_parser.c, uapi-facts.md §3.5).</summary>
public sealed class EtnavivCmdParserTests : IDisposable
{
    private readonly Machine _machine = Machine.Boot(new MachineConfig { Seed = 7, RamBytes = 16L << 20 }.WithDevice(new EtnavivSpec()));

    private EtnavivGpu Gpu => EtnavivDriver.PrivOf(_machine.Device<DrmDevice>()).Gpus[0]!;

    public void Dispose() => _machine.Dispose();

    [Theory]
    [InlineData(0x1200u)]
    [InlineData(0x1228u)]
    [InlineData(0x1318u)]
    [InlineData(0x1280Cu)]
    [InlineData(0x12CFCu)]
    [InlineData(0x0644u)]
    [InlineData(0x069Cu)]
    [InlineData(0x1608u)]
    [InlineData(0x1610u)]
    [InlineData(0x16FCu)]
    [InlineData(0x2400u)]
    [InlineData(0x277Cu)]
    [InlineData(0x3824u)]
    [InlineData(0x10800u)]
    [InlineData(0x10FFCu)]
    [InlineData(0x148FCu)]
    public void SensitiveStates(uint address) => EtnavivCmdParser.IsSensitive(address).Should().BeTrue($"0x{address:x}");

    [Theory]
    [InlineData(0x1204u)]
    [InlineData(0x1604u)]
    [InlineData(0x160Cu)]
    [InlineData(0x1614u)]
    [InlineData(0x1620u)]
    [InlineData(0x1640u)]
    [InlineData(0x2780u)]
    [InlineData(0x3800u)]
    [InlineData(0x380Cu)]
    [InlineData(0x11000u)]
    [InlineData(0x14900u)]
    public void OrdinaryStates(uint address) => EtnavivCmdParser.IsSensitive(address).Should().BeFalse($"0x{address:x}");

    [Fact]
    public void RangesCoverTheRealTable()
    {
        EtnavivCmdParser.SensitiveRanges.Should().HaveCount(45);
        EtnavivCmdParser.SensitiveRanges.Sum(r => (int)r.Count).Should().Be(8 + 4 * 4 + 4 * 8 + 2 + 8 + 5 + 4 * 8 + 7 + 5 * 8 + 224 + 1 + 512 + 16 + 64);
    }

    [Fact]
    public void HarmlessStreamPasses()
    {
        uint[] stream = [EtnavivCmdstream.Nop, 0, EtnavivCmdstream.LoadState(EtnavivStates.GlFlushCache, 1), 3, EtnavivCmdstream.Stall, 0x701];
        EtnavivCmdParser.ValidateOne(Gpu, stream, []).Should().BeTrue();
    }

    [Fact]
    public void SensitiveStateNeedsRelocAtThatDword()
    {
        uint[] stream = [EtnavivCmdstream.LoadState(EtnavivStates.RsSourceStride, 3), 0, 0, 0];
        // Values: RS_SOURCE_STRIDE (dword 1), RS_DEST_ADDR (dword 2, sensitive), RS_DEST_STRIDE (dword 3).
        EtnavivCmdParser.ValidateOne(Gpu, stream, [new DrmEtnavivGemSubmitReloc { SubmitOffset = 8 }]).Should().BeTrue();
        EtnavivCmdParser.ValidateOne(Gpu, stream, [new DrmEtnavivGemSubmitReloc { SubmitOffset = 12 }]).Should().BeFalse();
        EtnavivCmdParser.ValidateOne(Gpu, stream, []).Should().BeFalse();
    }

    [Fact]
    public void LengthsOfVariableCommands()
    {
        // DRAW_2D with count 0 means 256 rectangles: 2 + 512 dwords.
        var draw = new uint[2 + 512];
        draw[0] = EtnavivCmdstream.OpDraw2D << 27;
        EtnavivCmdParser.ValidateOne(Gpu, draw, []).Should().BeTrue();
        EtnavivCmdParser.ValidateOne(Gpu, draw.AsSpan(0, 512), []).Should().BeFalse("it overflows");
        // LOAD_STATE of 0 states is one dword padded to two.
        EtnavivCmdParser.ValidateOne(Gpu, [EtnavivCmdstream.LoadState(EtnavivStates.RsDestAddr, 0), 0], []).Should().BeTrue();
    }
}
