using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm.Uapi;

namespace Igt.Kernel.Tests.Panfrost;

/// <summary>panfrost_drm.h: struct sizes and request numbers match the real header (uapi-facts.md §2.1-2.2).</summary>
public sealed class PanfrostUapiTests
{
    [Theory]
    [InlineData(nameof(PanfrostIoctls.Submit), 0x40286440u)]
    [InlineData(nameof(PanfrostIoctls.WaitBo), 0x40106441u)]
    [InlineData(nameof(PanfrostIoctls.CreateBo), 0xC0186442u)]
    [InlineData(nameof(PanfrostIoctls.MmapBo), 0xC0106443u)]
    [InlineData(nameof(PanfrostIoctls.GetParam), 0xC0106444u)]
    [InlineData(nameof(PanfrostIoctls.GetBoOffset), 0xC0106445u)]
    [InlineData(nameof(PanfrostIoctls.PerfcntEnable), 0x40086446u)]
    [InlineData(nameof(PanfrostIoctls.PerfcntDump), 0x40086447u)]
    [InlineData(nameof(PanfrostIoctls.Madvise), 0xC00C6448u)]
    public void RequestNumbers(string name, uint expected)
    {
        var field = typeof(PanfrostIoctls).GetField(name)!;
        ((uint)field.GetValue(null)!).Should().Be(expected, name);
    }

    [Fact]
    public void StructSizes()
    {
        UapiStruct.SizeOf<DrmPanfrostSubmit>().Should().Be(40);
        UapiStruct.SizeOf<DrmPanfrostWaitBo>().Should().Be(16);
        UapiStruct.SizeOf<DrmPanfrostCreateBo>().Should().Be(24);
        UapiStruct.SizeOf<DrmPanfrostMmapBo>().Should().Be(16);
        UapiStruct.SizeOf<DrmPanfrostGetParam>().Should().Be(16);
        UapiStruct.SizeOf<DrmPanfrostGetBoOffset>().Should().Be(16);
        UapiStruct.SizeOf<DrmPanfrostPerfcntEnable>().Should().Be(8);
        UapiStruct.SizeOf<DrmPanfrostPerfcntDump>().Should().Be(8);
        UapiStruct.SizeOf<DrmPanfrostMadvise>().Should().Be(12);
    }

    [Fact]
    public void FieldOffsets()
    {
        var submit = new DrmPanfrostSubmit { Jc = 1, InSyncs = 2, InSyncCount = 3, OutSync = 4, BoHandles = 5, BoHandleCount = 6, Requirements = 7 };
        var b = UapiStruct.ToBytes(submit);
        BitConverter.ToUInt64(b, 0).Should().Be(1);
        BitConverter.ToUInt64(b, 8).Should().Be(2);
        BitConverter.ToUInt32(b, 16).Should().Be(3);
        BitConverter.ToUInt32(b, 20).Should().Be(4);
        BitConverter.ToUInt64(b, 24).Should().Be(5);
        BitConverter.ToUInt32(b, 32).Should().Be(6);
        BitConverter.ToUInt32(b, 36).Should().Be(7);

        var create = UapiStruct.ToBytes(new DrmPanfrostCreateBo { Size = 1, Flags = 2, Handle = 3, Pad = 4, Offset = 5 });
        BitConverter.ToUInt32(create, 12).Should().Be(4, "pad at 12");
        BitConverter.ToUInt64(create, 16).Should().Be(5, "offset at 16");
        var wait = UapiStruct.ToBytes(new DrmPanfrostWaitBo { Handle = 1, Pad = 2, TimeoutNs = 3 });
        BitConverter.ToInt64(wait, 8).Should().Be(3, "timeout_ns at 8");
        var madv = UapiStruct.ToBytes(new DrmPanfrostMadvise { Handle = 1, Madv = 2, Retained = 3 });
        BitConverter.ToUInt32(madv, 8).Should().Be(3, "retained at 8");
    }

    [Fact]
    public void ParamIds()
    {
        ((uint)PanfrostParam.CoherencyFeatures).Should().Be(17);
        ((uint)PanfrostParam.JsFeatures0).Should().Be(22);
        ((uint)PanfrostParam.NrCoreGroups).Should().Be(38);
        ((uint)PanfrostParam.SystemTimestampFrequency).Should().Be(42);
    }
}
