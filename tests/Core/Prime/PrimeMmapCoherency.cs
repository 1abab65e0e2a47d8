using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Prime;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_mmap_coherency adapted to a non-coherent GPU: IGT runs it on !llc i915 with the blitter; here etnaviv's
/// resolve engine fills and copies a buffer the CPU maps cached through the dma-buf. Each round changes the data
/// on one side and checks every cache line on the other, bracketed by DMA_BUF_IOCTL_SYNC as the uAPI requires.
/// </summary>
public sealed class PrimeMmapCoherency(ITestOutputHelper output) : PrimeTest(output)
{
    private const int Size = 16384;
    private const int Rounds = 8;

    /// <summary>test_read_flush: the GPU writes, the CPU reads through its cached mapping after SYNC START.</summary>
    [Subtest("read")]
    public void Read()
    {
        var fd = Dev.HeapAlloc("system", Size);
        var h = Dev.Import(Dev.Etnaviv, fd);
        var map = PrimeHelpers.Mmap(Sys, fd, Size);
        for (var round = 0u; round < Rounds; round++)
        {
            var value = 0x1111_1111u * (round % 15 + 1);
            EtnavivSubmit.Submit(Sys, Dev.Etnaviv, new EtnavivCmdStream().Fill(0, 0, Size, value),
                new EtnavivSubmitBo(h, Drivers.Etnaviv.Uapi.EtnavivIoctls.SubmitBoWrite));
            PrimeHelpers.SyncStart(Sys, fd, write: false);
            for (var off = 0UL; off < Size; off += 64)
                Dev.ReadU32(map + off).Should().Be(value, $"round {round}: the line at {off} after the GPU fill");
            PrimeHelpers.SyncEnd(Sys, fd, write: false);
        }
    }

    /// <summary>test_write_flush: the CPU writes through its cached mapping, SYNC END, then the GPU copies it out.</summary>
    [Subtest("write")]
    public void Write()
    {
        var fd = Dev.HeapAlloc("system", Size);
        var src = Dev.Import(Dev.Etnaviv, fd);
        var dst = EtnavivBo.New(Sys, Dev.Etnaviv, Size);
        var map = PrimeHelpers.Mmap(Sys, fd, Size);
        var copy = EtnavivBo.Mmap(Sys, Dev.Etnaviv, dst, Size);
        for (var round = 0u; round < Rounds; round++)
        {
            var value = 0xa5a5_0000u + round;
            PrimeHelpers.SyncStart(Sys, fd, write: true);
            for (var off = 0UL; off < Size; off += 64)
                Dev.WriteU32(map + off, value);
            PrimeHelpers.SyncEnd(Sys, fd, write: true);
            Dev.EtnavivCopy(src, dst, Size);
            for (var off = 0UL; off < Size; off += 64)
                Dev.ReadU32(copy + off).Should().Be(value, $"round {round}: the GPU copy of the CPU's line at {off}");
        }
    }

    /// <summary>test_ioctl_errors: DMA_BUF_IOCTL_SYNC's argument checks.</summary>
    [Subtest("ioctl-errors")]
    public void IoctlErrors()
    {
        var fd = Dev.HeapAlloc("system", 4096);
        PrimeHelpers.TrySync(Sys, fd, 0UL).Should().Be(-Errno.EINVAL, "START with no direction");
        PrimeHelpers.TrySync(Sys, fd, (ulong)DmaBufSyncFlags.End).Should().Be(-Errno.EINVAL, "END with no direction");
        PrimeHelpers.TrySync(Sys, fd, 0x8 | (ulong)DmaBufSyncFlags.Read).Should().Be(-Errno.EINVAL, "an undefined flag bit");
        PrimeHelpers.TrySync(Sys, fd, (ulong)DmaBufSyncFlags.Read).Should().Be(0);
        PrimeHelpers.TrySync(Sys, fd, (ulong)(DmaBufSyncFlags.End | DmaBufSyncFlags.Read)).Should().Be(0);
        Sys.Ioctl(fd, DmaBufIoctls.Sync, 0x10).Should().Be(-Errno.EFAULT, "an unreadable dma_buf_sync");
        Sys.Ioctl(fd, DmaBufIoctls.Sync + 0x10, 0).Should().Be(-Errno.ENOTTY, "an unknown dma-buf ioctl");
    }
}
