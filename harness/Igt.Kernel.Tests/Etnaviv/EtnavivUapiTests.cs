using System.Runtime.InteropServices;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm.Uapi;

namespace Igt.Kernel.Tests.Etnaviv;

/// <summary>etnaviv_drm.h as compiled for LP64: struct sizes, field offsets and request numbers (uapi-facts.md §3.1, §3.2).</summary>
public sealed class EtnavivUapiTests
{
    [Theory]
    [InlineData(typeof(DrmEtnavivTimespec), 16)]
    [InlineData(typeof(DrmEtnavivParam), 16)]
    [InlineData(typeof(DrmEtnavivGemNew), 16)]
    [InlineData(typeof(DrmEtnavivGemInfo), 16)]
    [InlineData(typeof(DrmEtnavivGemCpuPrep), 24)]
    [InlineData(typeof(DrmEtnavivGemCpuFini), 8)]
    [InlineData(typeof(DrmEtnavivGemSubmitReloc), 24)]
    [InlineData(typeof(DrmEtnavivGemSubmitBo), 16)]
    [InlineData(typeof(DrmEtnavivGemSubmitPmr), 20)]
    [InlineData(typeof(DrmEtnavivGemSubmit), 72)]
    [InlineData(typeof(DrmEtnavivWaitFence), 32)]
    [InlineData(typeof(DrmEtnavivGemUserptr), 24)]
    [InlineData(typeof(DrmEtnavivGemWait), 32)]
    [InlineData(typeof(DrmEtnavivPmDomain), 72)]
    [InlineData(typeof(DrmEtnavivPmSignal), 76)]
    public void StructSizes(Type type, int size) => Marshal.SizeOf(type).Should().Be(size, type.Name);

    [Theory]
    [InlineData(nameof(DrmEtnavivGemSubmit.Fence), 0)]
    [InlineData(nameof(DrmEtnavivGemSubmit.ExecState), 8)]
    [InlineData(nameof(DrmEtnavivGemSubmit.StreamSize), 20)]
    [InlineData(nameof(DrmEtnavivGemSubmit.Bos), 24)]
    [InlineData(nameof(DrmEtnavivGemSubmit.Stream), 40)]
    [InlineData(nameof(DrmEtnavivGemSubmit.Flags), 48)]
    [InlineData(nameof(DrmEtnavivGemSubmit.FenceFd), 52)]
    [InlineData(nameof(DrmEtnavivGemSubmit.Pmrs), 56)]
    [InlineData(nameof(DrmEtnavivGemSubmit.NrPmrs), 64)]
    public void SubmitOffsets(string field, int offset) =>
        Marshal.OffsetOf<DrmEtnavivGemSubmit>(field).ToInt32().Should().Be(offset, field);

    [Fact]
    public void OtherOffsets()
    {
        Marshal.OffsetOf<DrmEtnavivGemSubmitReloc>(nameof(DrmEtnavivGemSubmitReloc.RelocOffset)).ToInt32().Should().Be(8);
        Marshal.OffsetOf<DrmEtnavivGemSubmitReloc>(nameof(DrmEtnavivGemSubmitReloc.Flags)).ToInt32().Should().Be(16);
        Marshal.OffsetOf<DrmEtnavivGemSubmitPmr>(nameof(DrmEtnavivGemSubmitPmr.Signal)).ToInt32().Should().Be(6);
        Marshal.OffsetOf<DrmEtnavivGemSubmitPmr>(nameof(DrmEtnavivGemSubmitPmr.ReadIdx)).ToInt32().Should().Be(16);
        Marshal.OffsetOf<DrmEtnavivWaitFence>(nameof(DrmEtnavivWaitFence.Timeout)).ToInt32().Should().Be(16);
        Marshal.OffsetOf<DrmEtnavivGemCpuPrep>(nameof(DrmEtnavivGemCpuPrep.Timeout)).ToInt32().Should().Be(8);
        Marshal.OffsetOf<DrmEtnavivPmDomain>("Name").ToInt32().Should().Be(8);
        Marshal.OffsetOf<DrmEtnavivPmSignal>("Name").ToInt32().Should().Be(10);
    }

    [Theory]
    [InlineData(nameof(EtnavivIoctls.GetParam), 0xC0106440u)]
    [InlineData(nameof(EtnavivIoctls.GemNew), 0xC0106442u)]
    [InlineData(nameof(EtnavivIoctls.GemInfo), 0xC0106443u)]
    [InlineData(nameof(EtnavivIoctls.GemCpuPrep), 0x40186444u)]
    [InlineData(nameof(EtnavivIoctls.GemCpuFini), 0x40086445u)]
    [InlineData(nameof(EtnavivIoctls.GemSubmit), 0xC0486446u)]
    [InlineData(nameof(EtnavivIoctls.WaitFence), 0x40206447u)]
    [InlineData(nameof(EtnavivIoctls.GemUserptr), 0xC0186448u)]
    [InlineData(nameof(EtnavivIoctls.GemWait), 0x40206449u)]
    [InlineData(nameof(EtnavivIoctls.PmQueryDom), 0xC048644Au)]
    [InlineData(nameof(EtnavivIoctls.PmQuerySig), 0xC04C644Bu)]
    public void RequestNumbers(string name, uint expected)
    {
        var value = (uint)typeof(EtnavivIoctls).GetField(name)!.GetValue(null)!;
        value.Should().Be(expected, name);
        (Ioc.Nr(value) - Ioc.DrmCommandBase).Should().BeLessThan(12);
    }

    [Fact]
    public void DriverTableMatchesNumbers()
    {
        var table = new Igt.Drivers.Etnaviv.EtnavivDriver().Ioctls;
        table.Should().HaveCount(12);
        table[1].Should().BeNull("0x41 is the never-implemented SET_PARAM");
        for (var i = 0; i < table.Count; i++)
        {
            if (table[i] is { } d)
                Ioc.Nr(d.Cmd).Should().Be((uint)(0x40 + i), d.Name);
        }
    }
}
