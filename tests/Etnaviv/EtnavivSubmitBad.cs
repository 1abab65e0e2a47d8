using Igt.Drivers.Etnaviv;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Os;
using Xunit.Abstractions;
using Submit = Igt.Etnaviv.EtnavivSubmit;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_submit_bad: GEM_SUBMIT with bad arguments gets the real errno and leaves the device working. Each subtest
/// ends with a good submit to show that.
/// </summary>
public sealed class EtnavivSubmitBad(ITestOutputHelper output) : EtnavivTest(output)
{
    private uint _bo;

    private uint Bo => _bo != 0 ? _bo : _bo = EtnavivBo.New(Sys, Fd, 4096);

    private static EtnavivCmdStream Store(ulong offset = 0, uint value = 0x5a5a5a5a) => new EtnavivCmdStream().StoreDword(0, offset, value);

    private int Try(EtnavivCmdStream cs, params EtnavivSubmitBo[] bos) => Submit.TrySubmit(Sys, Fd, cs, bos, out _);

    /// <summary>After the bad submits: a good one still stores its dword.</summary>
    private void StillWorks()
    {
        var map = EtnavivBo.Mmap(Sys, Fd, Bo, 4096);
        EtnavivFence.Wait(Sys, Fd, Submit.Submit(Sys, Fd, Store(128, 0x600d), new EtnavivSubmitBo(Bo)), TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map + 128).Should().Be(0x600du);
    }

    [Subtest("bad-pipe")]
    public void BadPipe()
    {
        Submit.TrySubmit(Sys, Fd, Store(), [new EtnavivSubmitBo(Bo)], out _, pipe: 1).Should().Be(-Errno.ENXIO);
        Submit.TrySubmit(Sys, Fd, Store(), [new EtnavivSubmitBo(Bo)], out _, pipe: 4).Should().Be(-Errno.EINVAL);
        StillWorks();
    }

    [Subtest("bad-bo-handle")]
    public void BadBoHandle()
    {
        IgnoreSubmitErrors();
        Try(Store(), new EtnavivSubmitBo(0x777)).Should().Be(-Errno.EINVAL, "etnaviv reports an unknown handle as EINVAL, not ENOENT");
        Try(Store(), new EtnavivSubmitBo(0)).Should().Be(-Errno.EINVAL);
        Try(new EtnavivCmdStream().Nop(), new EtnavivSubmitBo(Bo), new EtnavivSubmitBo(0x778)).Should().Be(-Errno.EINVAL);
        StillWorks();
    }

    [Subtest("bad-bo-flags")]
    public void BadBoFlags()
    {
        IgnoreSubmitErrors();
        Try(Store(), new EtnavivSubmitBo(Bo, 0x4)).Should().Be(-Errno.EINVAL);
        Try(Store(), new EtnavivSubmitBo(Bo, EtnavivIoctls.SubmitBoRead | 0x100)).Should().Be(-Errno.EINVAL);
        StillWorks();
    }

    [Subtest("reloc-out-of-bounds")]
    public void RelocOutOfBounds()
    {
        IgnoreSubmitErrors();
        Try(Store(4096), new EtnavivSubmitBo(Bo)).Should().Be(-Errno.EINVAL, "the relocated address is past the BO");
        Try(Store(4093), new EtnavivSubmitBo(Bo)).Should().Be(-Errno.EINVAL, "the dword would straddle the end");
        Try(Store(1UL << 32), new EtnavivSubmitBo(Bo)).Should().Be(-Errno.EINVAL, "reloc_offset is 64-bit");
        Try(Store(4092, 0xe0e0), new EtnavivSubmitBo(Bo)).Should().Be(0, "the last dword is inside");
        StillWorks();
    }

    [Subtest("reloc-bad-fields")]
    public void RelocBadFields()
    {
        IgnoreSubmitErrors();
        foreach (var (mutate, why) in new (Func<DrmEtnavivGemSubmitReloc, DrmEtnavivGemSubmitReloc>, string)[]
                 {
                     (r => r with { Flags = 1 }, "flags must be zero"),
                     (r => r with { SubmitOffset = r.SubmitOffset + 2 }, "submit_offset must be dword aligned"),
                     (r => r with { SubmitOffset = 0x10000 }, "submit_offset beyond the stream"),
                     (r => r with { RelocIdx = 1 }, "reloc_idx beyond the BO list"),
                 })
        {
            var cs = Store();
            var relocs = cs.Relocs.Select(mutate).ToArray();
            TryRaw(cs, relocs, [new EtnavivSubmitBo(Bo)]).Should().Be(-Errno.EINVAL, why);
        }
        // Relocations must come in ascending stream order.
        var copy = new EtnavivCmdStream().CopyBuffer(0, 0, 0, 2048, 1024);
        TryRaw(copy, copy.Relocs.Reverse().ToArray(), [new EtnavivSubmitBo(Bo)]).Should().Be(-Errno.EINVAL);
        StillWorks();
    }

    [Subtest("unaligned-stream-size")]
    public void UnalignedStreamSize()
    {
        IgnoreSubmitErrors();
        using var stream = UserBuffer.Alloc(Sys, 4096);
        foreach (var size in new uint[] { 1, 2, 6, 4095 })
        {
            var a = new DrmEtnavivGemSubmit { StreamSize = size, Stream = stream.Addr, FenceFd = -1 };
            Submit.TrySubmitRaw(Sys, Fd, ref a).Should().Be(-Errno.EINVAL, $"stream_size {size} is not a multiple of 4");
        }
        StillWorks();
    }

    [Subtest("bad-exec-state-and-flags")]
    public void BadExecStateAndFlags()
    {
        IgnoreSubmitErrors();
        Submit.TrySubmit(Sys, Fd, Store(), [new EtnavivSubmitBo(Bo)], out _, execState: 3).Should().Be(-Errno.EINVAL);
        Submit.TrySubmit(Sys, Fd, Store(), [new EtnavivSubmitBo(Bo)], out _, flags: 0x10).Should().Be(-Errno.EINVAL);
        Submit.TrySubmit(Sys, Fd, Store(), [new EtnavivSubmitBo(Bo)], out _, flags: EtnavivIoctls.SubmitSoftpin)
            .Should().Be(-Errno.EINVAL, "softpin needs MMUv2");
        StillWorks();
    }

    [Subtest("too-many-bos")]
    public void TooManyBos()
    {
        IgnoreSubmitErrors();
        using var bos = UserBuffer.From<DrmEtnavivGemSubmitBo>(Sys, [new DrmEtnavivGemSubmitBo { Handle = Bo }]);
        using var stream = UserBuffer.From<uint>(Sys, new EtnavivCmdStream().Nop().Data.ToArray());
        var a = new DrmEtnavivGemSubmit { NrBos = 1 << 16, Bos = bos.Addr, StreamSize = 8, Stream = stream.Addr, FenceFd = -1 };
        Submit.TrySubmitRaw(Sys, Fd, ref a).Should().Be(-Errno.EFAULT, "the BO array runs past the user's mapping");
        a = new DrmEtnavivGemSubmit { NrRelocs = 1 << 20, Relocs = bos.Addr, StreamSize = 8, Stream = stream.Addr, FenceFd = -1 };
        Submit.TrySubmitRaw(Sys, Fd, ref a).Should().Be(-Errno.EFAULT, "so does the relocation array");
        StillWorks();
    }

    [Subtest("bad-pointers")]
    public void BadPointers()
    {
        using var stream = UserBuffer.From<uint>(Sys, new EtnavivCmdStream().Nop().Data.ToArray());
        var a = new DrmEtnavivGemSubmit { StreamSize = 8, Stream = 0x10, FenceFd = -1 };
        Submit.TrySubmitRaw(Sys, Fd, ref a).Should().Be(-Errno.EFAULT, "stream pointer into nothing");
        a = new DrmEtnavivGemSubmit { NrBos = 1, Bos = 0x10, StreamSize = 8, Stream = stream.Addr, FenceFd = -1 };
        Submit.TrySubmitRaw(Sys, Fd, ref a).Should().Be(-Errno.EFAULT);
        a = new DrmEtnavivGemSubmit { NrPmrs = 1, Pmrs = ulong.MaxValue - 8, StreamSize = 8, Stream = stream.Addr, FenceFd = -1 };
        Submit.TrySubmitRaw(Sys, Fd, ref a).Should().Be(-Errno.EFAULT);
        Drm.DrmIoctlHelper.IoctlPtr(Sys, Fd, EtnavivIoctls.GemSubmit, 0x20).Should().Be(-Errno.EFAULT, "the argument itself");
        StillWorks();
    }

    [Subtest("bad-perfmon-requests")]
    public void BadPerfmonRequests()
    {
        IgnoreSubmitErrors();
        var good = new DrmEtnavivGemSubmitPmr { Flags = EtnavivIoctls.PmProcessPre, Domain = 0, Signal = 2, Sequence = 9, ReadOffset = 64 };
        foreach (var (pmr, why) in new (DrmEtnavivGemSubmitPmr, string)[]
                 {
                     (good with { ReadOffset = 0 }, "offset 0 holds the sequence number"),
                     (good with { ReadOffset = 4092 }, "offset at the end of the BO"),
                     (good with { Flags = 4 }, "unknown flags"),
                     (good with { Domain = 200 }, "no such domain"),
                     (good with { Signal = 999 }, "no such signal"),
                     (good with { ReadIdx = 3 }, "no such BO"),
                 })
        {
            Submit.TrySubmit(Sys, Fd, new EtnavivCmdStream().Nop(), [new EtnavivSubmitBo(Bo)], out _, pmrs: [pmr]).Should().Be(-Errno.EINVAL, why);
        }
        var map = EtnavivBo.Mmap(Sys, Fd, Bo, 4096);
        Submit.TrySubmit(Sys, Fd, new EtnavivCmdStream().Nop(), [new EtnavivSubmitBo(Bo)], out var ok, pmrs: [good]).Should().Be(0);
        EtnavivFence.Wait(Sys, Fd, ok.Fence, TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map).Should().Be(9u, "the perfmon sample stores its sequence number at offset 0");
        StillWorks();
    }

    [Subtest("softpin-mmuv2")]
    public void SoftpinMmuV2()
    {
        BootMmu(EtnavivIommuVersion.V2);
        IgnoreSubmitErrors();
        var va = EtnavivParam.Get(Sys, Fd, EtnavivParams.SoftpinStartAddr) + 0x10_0000;
        var map = EtnavivBo.Mmap(Sys, Fd, Bo, 4096);
        // With softpin the stream carries GPU addresses itself: no relocations.
        var cs = new EtnavivCmdStream();
        cs.LoadState(Drivers.Etnaviv.Hw.EtnavivStates.RsConfig, Drivers.Etnaviv.Hw.EtnavivStates.RsConfigValue(6, 6));
        cs.LoadState(Drivers.Etnaviv.Hw.EtnavivStates.RsDestStride, 4);
        cs.LoadState(Drivers.Etnaviv.Hw.EtnavivStates.RsDestAddr, (uint)va + 16);
        cs.LoadState(Drivers.Etnaviv.Hw.EtnavivStates.RsWindowSize, Drivers.Etnaviv.Hw.EtnavivStates.RsWindow(1, 1));
        cs.LoadState(Drivers.Etnaviv.Hw.EtnavivStates.RsFillValue0, 0x50f7);
        cs.LoadState(Drivers.Etnaviv.Hw.EtnavivStates.RsClearControl, Drivers.Etnaviv.Hw.EtnavivStates.RsClearControlModeEnabled1);
        cs.LoadState(Drivers.Etnaviv.Hw.EtnavivStates.RsKicker, Drivers.Etnaviv.Hw.EtnavivStates.RsKick);
        Submit.TrySubmit(Sys, Fd, cs, [new EtnavivSubmitBo(Bo, Presumed: va)], out var r, flags: EtnavivIoctls.SubmitSoftpin).Should().Be(0);
        EtnavivFence.Wait(Sys, Fd, r.Fence, TimeSpan.FromSeconds(5));
        EtnavivBo.ReadU32(Sys, map + 16).Should().Be(0x50f7u, "the BO sits at the softpin address");
        var other = EtnavivBo.New(Sys, Fd, 4096);
        Submit.TrySubmit(Sys, Fd, new EtnavivCmdStream().Nop(), [new EtnavivSubmitBo(other, Presumed: va)], out _, flags: EtnavivIoctls.SubmitSoftpin)
            .Should().Be(-Errno.EINVAL, "the address is taken by another BO");
        Submit.TrySubmit(Sys, Fd, new EtnavivCmdStream().Nop(), [new EtnavivSubmitBo(other, Presumed: 0x1000)], out _, flags: EtnavivIoctls.SubmitSoftpin)
            .Should().Be(-Errno.EINVAL, "below ETNAVIV_SOFTPIN_START_ADDRESS");
        Submit.TrySubmit(Sys, Fd, Store(), [new EtnavivSubmitBo(other, Presumed: va + 0x10_0000)], out _, flags: EtnavivIoctls.SubmitSoftpin)
            .Should().Be(-Errno.EINVAL, "softpin does not mix with relocations");
    }

    private int TryRaw(EtnavivCmdStream cs, DrmEtnavivGemSubmitReloc[] relocs, EtnavivSubmitBo[] bos)
    {
        using var boBuf = UserBuffer.From<DrmEtnavivGemSubmitBo>(Sys, bos.Select(b => new DrmEtnavivGemSubmitBo { Handle = b.Handle, Flags = b.Flags }).ToArray());
        using var relocBuf = UserBuffer.From<DrmEtnavivGemSubmitReloc>(Sys, relocs);
        using var stream = UserBuffer.From<uint>(Sys, cs.Data.ToArray());
        var a = new DrmEtnavivGemSubmit
        {
            NrBos = (uint)bos.Length, Bos = boBuf.Addr, NrRelocs = (uint)relocs.Length, Relocs = relocBuf.Addr,
            StreamSize = cs.SizeBytes, Stream = stream.Addr, FenceFd = -1,
        };
        return Submit.TrySubmitRaw(Sys, Fd, ref a);
    }
}
