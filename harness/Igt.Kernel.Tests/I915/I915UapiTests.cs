using System.Runtime.InteropServices;
using Igt.Drivers.I915.Uapi;
using Igt.Drm.Uapi;

namespace Igt.Kernel.Tests.I915;

/// <summary>i915_drm.h: request numbers, struct sizes and field offsets match the real header (uapi-facts.md §4.1-4.2).</summary>
public sealed class I915UapiTests
{
    [Theory]
    [InlineData(nameof(I915Ioctls.Getparam), 0xC0106446u)]
    [InlineData(nameof(I915Ioctls.GemBusy), 0xC0086457u)]
    [InlineData(nameof(I915Ioctls.GemCreate), 0xC010645Bu)]
    [InlineData(nameof(I915Ioctls.GemPread), 0x4020645Cu)]
    [InlineData(nameof(I915Ioctls.GemPwrite), 0x4020645Du)]
    [InlineData(nameof(I915Ioctls.GemMmap), 0xC028645Eu)]
    [InlineData(nameof(I915Ioctls.GemSetDomain), 0x400C645Fu)]
    [InlineData(nameof(I915Ioctls.GemSwFinish), 0x40046460u)]
    [InlineData(nameof(I915Ioctls.GemSetTiling), 0xC0106461u)]
    [InlineData(nameof(I915Ioctls.GemGetTiling), 0xC0106462u)]
    [InlineData(nameof(I915Ioctls.GemMmapGtt), 0xC0106464u)]
    [InlineData(nameof(I915Ioctls.GemMmapOffset), 0xC0206464u)]
    [InlineData(nameof(I915Ioctls.GemMadvise), 0xC00C6466u)]
    [InlineData(nameof(I915Ioctls.GemExecbuffer2), 0x40406469u)]
    [InlineData(nameof(I915Ioctls.GemExecbuffer2Wr), 0xC0406469u)]
    [InlineData(nameof(I915Ioctls.GemWait), 0xC010646Cu)]
    [InlineData(nameof(I915Ioctls.GemSetCaching), 0x4008646Fu)]
    [InlineData(nameof(I915Ioctls.GemGetCaching), 0xC0086470u)]
    [InlineData(nameof(I915Ioctls.GemUserptr), 0xC0186473u)]
    public void RequestNumbers(string name, uint expected)
    {
        var field = typeof(I915Ioctls).GetField(name)!;
        ((uint)field.GetValue(null)!).Should().Be(expected, name);
    }

    [Fact]
    public void StructSizes()
    {
        UapiStruct.SizeOf<DrmI915Getparam>().Should().Be(16);
        UapiStruct.SizeOf<DrmI915GemBusy>().Should().Be(8);
        UapiStruct.SizeOf<DrmI915GemCreate>().Should().Be(16);
        UapiStruct.SizeOf<DrmI915GemPread>().Should().Be(32);
        UapiStruct.SizeOf<DrmI915GemMmap>().Should().Be(40);
        UapiStruct.SizeOf<DrmI915GemMmapGtt>().Should().Be(16);
        UapiStruct.SizeOf<DrmI915GemMmapOffset>().Should().Be(32);
        UapiStruct.SizeOf<DrmI915GemSetDomain>().Should().Be(12);
        UapiStruct.SizeOf<DrmI915GemMadvise>().Should().Be(12);
        UapiStruct.SizeOf<DrmI915GemExecbuffer2>().Should().Be(64);
        UapiStruct.SizeOf<DrmI915GemExecObject2>().Should().Be(56);
        UapiStruct.SizeOf<DrmI915GemRelocationEntry>().Should().Be(32);
        UapiStruct.SizeOf<DrmI915GemWait>().Should().Be(16);
        UapiStruct.SizeOf<DrmI915GemCaching>().Should().Be(8);
        UapiStruct.SizeOf<DrmI915GemUserptr>().Should().Be(24);
    }

    [Fact]
    public void FieldOffsets()
    {
        Marshal.OffsetOf<DrmI915Getparam>(nameof(DrmI915Getparam.Value)).Should().Be(8);
        Marshal.OffsetOf<DrmI915GemMmap>(nameof(DrmI915GemMmap.AddrPtr)).Should().Be(24);
        Marshal.OffsetOf<DrmI915GemMmap>(nameof(DrmI915GemMmap.Flags)).Should().Be(32);
        Marshal.OffsetOf<DrmI915GemExecbuffer2>(nameof(DrmI915GemExecbuffer2.Flags)).Should().Be(40);
        Marshal.OffsetOf<DrmI915GemExecbuffer2>(nameof(DrmI915GemExecbuffer2.Rsvd2)).Should().Be(56);
        Marshal.OffsetOf<DrmI915GemExecObject2>(nameof(DrmI915GemExecObject2.Offset)).Should().Be(DrmI915GemExecObject2.OffsetOfOffset);
        Marshal.OffsetOf<DrmI915GemExecObject2>(nameof(DrmI915GemExecObject2.Flags)).Should().Be(32);
        Marshal.OffsetOf<DrmI915GemRelocationEntry>(nameof(DrmI915GemRelocationEntry.PresumedOffset)).Should().Be(DrmI915GemRelocationEntry.OffsetOfPresumedOffset);
        Marshal.OffsetOf<DrmI915GemRelocationEntry>(nameof(DrmI915GemRelocationEntry.WriteDomain)).Should().Be(28);
        Marshal.OffsetOf<DrmI915GemWait>(nameof(DrmI915GemWait.TimeoutNs)).Should().Be(8);
        Marshal.OffsetOf<DrmI915GemUserptr>(nameof(DrmI915GemUserptr.Handle)).Should().Be(20);
    }

    [Fact]
    public void FlagValues()
    {
        I915ExecFlags.NoReloc.Should().Be(1UL << 11);
        I915ExecFlags.HandleLut.Should().Be(1UL << 12);
        I915ExecFlags.FenceOut.Should().Be(1UL << 17);
        I915ExecFlags.UnknownFlags.Should().Be(~((1UL << 22) - 1));
        ExecObjectFlags.Pinned.Should().Be(0x10UL);
        ExecObjectFlags.UnknownFlags.Should().Be(~0xffUL);
        I915UserptrFlags.Unsynchronized.Should().Be(0x80000000u);
        I915GemDomain.GpuDomains.Should().Be(0x3eu);
    }
}
