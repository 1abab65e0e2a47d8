using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Prime;

namespace Igt.Tests.Core.Prime;

/// <summary>The bodies of prime_mmap's driver-independent subtests, run against any <see cref="PrimeExporter"/>.</summary>
public sealed partial class PrimeMmap
{
    /// <summary>test_correct: the dma-buf mapping shows what the exporter's own mapping shows: the pattern.</summary>
    private void Correct(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.CreateFilled(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        var gem = e.TryMapGem(h, BoSize, Prot.Read);
        var map = PrimeHelpers.TryMmap(Sys, dmabuf, BoSize, Prot.Read);
        gem.Should().BeGreaterThan(0, $"the {e.Name} node maps the BO");
        map.Should().BeGreaterThan(0, "the dma-buf fd maps the BO");
        PrimeExporter.ReadMapping(Sys, (ulong)map, BoSize).Should().Equal(PrimeExporter.ReadMapping(Sys, (ulong)gem, BoSize));
        PrimeExporter.FirstPatternMismatch(Sys, (ulong)map, BoSize).Should().Be(-1);
        Sys.Munmap((ulong)gem, BoSize).Should().Be(0);
        Sys.Munmap((ulong)map, BoSize).Should().Be(0);
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);
    }

    /// <summary>test_map_unmap: map, unmap and map again.</summary>
    private void MapUnmap(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.CreateFilled(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        for (var round = 0; round < 2; round++)
        {
            var map = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.Read);
            PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1, $"mapping {round + 1}");
            Sys.Munmap(map, BoSize).Should().Be(0);
        }
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);
    }

    /// <summary>test_reprime: the mapping outlives the fd; exporting the handle again gives a working dma-buf.</summary>
    private void Reprime(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.CreateFilled(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        var map = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1);
        Sys.Close(dmabuf).Should().Be(0);
        PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1, "the mapping holds the dma-buf after close");
        Sys.Munmap(map, BoSize).Should().Be(0);

        dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        map = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1, "the re-exported dma-buf maps the same BO");
        Sys.Munmap(map, BoSize).Should().Be(0);
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);
    }

    /// <summary>test_forked: a child maps the inherited dma-buf fd.</summary>
    private void Forked(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.CreateFilled(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        var children = IgtFork.Start(Sys, 1, (child, _) =>
        {
            var map = PrimeHelpers.Mmap(child, dmabuf, BoSize, Prot.Read);
            PrimeExporter.FirstPatternMismatch(child, map, BoSize).Should().Be(-1, "the child sees the pattern");
            child.Munmap(map, BoSize);
            child.Close(dmabuf);
        });
        Sys.Close(dmabuf).Should().Be(0);
        children.WaitAll();
        e.Close(h);
    }

    /// <summary>
    /// test_correct_cpu_write: a DRM_RDWR dma-buf maps writable and CPU stores land in the BO. Beyond upstream, the
    /// stores are bracketed with SYNC (as dma-buf users must) and read back through the exporter's own mapping.
    /// </summary>
    private void CorrectCpuWrite(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.Create(BoSize);
        var dmabuf = PrimeHelpers.HandleToFdForMmap(Sys, e.Fd, h);
        Igt.Core.IgtCore.Require(dmabuf >= 0, "DRM_RDWR exports (4.6+)");
        var map = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.ReadWrite);
        PrimeHelpers.SyncStart(Sys, dmabuf, write: true);
        FillCpu(Sys, map, BoSize);
        PrimeHelpers.SyncEnd(Sys, dmabuf, write: true);
        PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1);
        CheckThroughExporter(e, h);
        Sys.Munmap(map, BoSize).Should().Be(0);
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);
    }

    /// <summary>test_forked_cpu_write: the child writes through its mapping; the parent sees the stores.</summary>
    private void ForkedCpuWrite(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.Create(BoSize);
        var dmabuf = PrimeHelpers.HandleToFdForMmap(Sys, e.Fd, h);
        Igt.Core.IgtCore.Require(dmabuf >= 0, "DRM_RDWR exports (4.6+)");
        var children = IgtFork.Start(Sys, 1, (child, _) =>
        {
            var map = PrimeHelpers.Mmap(child, dmabuf, BoSize, Prot.ReadWrite);
            PrimeHelpers.SyncStart(child, dmabuf, write: true);
            FillCpu(child, map, BoSize);
            PrimeHelpers.SyncEnd(child, dmabuf, write: true);
            PrimeExporter.FirstPatternMismatch(child, map, BoSize).Should().Be(-1);
            child.Munmap(map, BoSize);
            child.Close(dmabuf);
        });
        children.WaitAll();
        var mine = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, mine, BoSize).Should().Be(-1, "the child's stores reached the shared BO");
        Sys.Munmap(mine, BoSize).Should().Be(0);
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);
    }

    /// <summary>test_refcounting: the dma-buf keeps the BO alive after its last handle is closed.</summary>
    private void Refcounting(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.CreateFilled(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        e.Close(h);
        var map = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1);
        Sys.Munmap(map, BoSize).Should().Be(0);
        Sys.Close(dmabuf).Should().Be(0);
    }

    /// <summary>test_dup: a dup of the dma-buf fd maps the same buffer.</summary>
    private void Dup(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        var h = e.CreateFilled(BoSize);
        var first = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        var dmabuf = Sys.Dup(first);
        dmabuf.Should().BeGreaterThanOrEqualTo(0);
        var map = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1);
        Sys.Munmap(map, BoSize).Should().Be(0);
        e.Close(h);
        Sys.Close(dmabuf).Should().Be(0);
        Sys.Close(first).Should().Be(0);
    }

    /// <summary>test_errors: bad export flags, a closed handle, a closed fd, a mapping too big or past the end.</summary>
    private void Errors(PrimeExporter e)
    {
        RequireDmaBufMmap(e);
        uint[] invalidFlags = [DrmIoctls.DrmCloexec - 1, DrmIoctls.DrmCloexec + 1, DrmIoctls.DrmRdwr - 1, DrmIoctls.DrmRdwr + 1];
        var h = e.Create(BoSize);
        foreach (var flags in invalidFlags)
            PrimeHelpers.TryHandleToFd(Sys, e.Fd, h, flags, out _).Should().Be(-Errno.EINVAL, $"flags 0x{flags:x}");
        e.Close(h);

        // Close the BO before exporting it.
        h = e.CreateFilled(BoSize);
        e.Close(h);
        PrimeHelpers.TryHandleToFd(Sys, e.Fd, h, DrmIoctls.DrmCloexec, out var closed).Should().Be(-Errno.ENOENT);
        closed.Should().Be(-1, "no fd is returned");

        // Close the fd before mapping it.
        h = e.CreateFilled(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        Sys.Close(dmabuf).Should().Be(0);
        PrimeHelpers.TryMmap(Sys, dmabuf, BoSize, Prot.Read).Should().Be(-Errno.EBADF);
        e.Close(h);

        // Map too big.
        h = e.CreateFilled(BoSize);
        dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        PrimeHelpers.TryMmap(Sys, dmabuf, BoSize * 2, Prot.Read).Should().Be(-Errno.EINVAL, "twice the buffer's size");
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);

        // Overlapping the end of the buffer.
        h = e.Create(BoSize);
        dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        PrimeHelpers.TryMmap(Sys, dmabuf, BoSize, Prot.Read, BoSize / 2).Should().Be(-Errno.EINVAL, "half of it past the end");
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);
    }

    /// <summary>
    /// test_invalid_sync_flags: every flags value without a direction or with a bit outside the valid mask is
    /// -EINVAL. Beyond upstream: the valid brackets succeed, and an unknown ioctl on the fd is -ENOTTY.
    /// </summary>
    private void InvalidSyncFlags(PrimeExporter e)
    {
        var h = e.Create(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        ulong[] invalid = [ulong.MaxValue, 0x00, (ulong)DmaBufSyncFlags.Rw + 1, (ulong)DmaBufSyncFlags.ValidMask + 1];
        foreach (var flags in invalid)
            PrimeHelpers.TrySync(Sys, dmabuf, flags).Should().Be(-Errno.EINVAL, $"flags 0x{flags:x}");
        foreach (var dir in new[] { DmaBufSyncFlags.Read, DmaBufSyncFlags.Write, DmaBufSyncFlags.Rw })
        {
            PrimeHelpers.TrySync(Sys, dmabuf, DmaBufSyncFlags.Start | dir).Should().Be(0, $"START|{dir}");
            PrimeHelpers.TrySync(Sys, dmabuf, DmaBufSyncFlags.End | dir).Should().Be(0, $"END|{dir}");
        }
        var sync = new DmaBufSyncArg { Flags = (ulong)DmaBufSyncFlags.Rw };
        Igt.Drm.DrmIoctlHelper.IoctlRaw(Sys, dmabuf, DmaBufIoctls.Sync + 0x10, ref sync).Should().Be(-Errno.ENOTTY,
            "an ioctl number the dma-buf does not know");
        Sys.Close(dmabuf).Should().Be(0);
        e.Close(h);
    }

    /// <summary>fill_bo_cpu, over the whole buffer.</summary>
    private static void FillCpu(ISyscalls sys, ulong map, ulong size)
    {
        var data = new byte[size];
        for (var i = 0; i < data.Length; i += PrimeExporter.Pattern.Length)
            PrimeExporter.Pattern.CopyTo(data, i);
        sys.Write(map, data).Should().Be(FaultResult.Ok);
    }

    /// <summary>Reads the BO back through the exporter's own mapping: the CPU writes went to the BO's pages.</summary>
    private void CheckThroughExporter(PrimeExporter e, uint handle)
    {
        var gem = e.TryMapGem(handle, BoSize, Prot.Read);
        gem.Should().BeGreaterThan(0, $"the {e.Name} node maps the BO");
        PrimeExporter.FirstPatternMismatch(Sys, (ulong)gem, BoSize).Should().Be(-1, "the exporter sees the CPU stores");
        Sys.Munmap((ulong)gem, BoSize).Should().Be(0);
    }
}
