using Igt.Core;
using Igt.Drm;
using Igt.Fixtures;
using Igt.Kernel;
using Igt.Kernel.Fault;
using Igt.Kernel.Process;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>prime_self_import: exporting and importing dma-bufs within and across files and devices.</summary>
public sealed class PrimeSelfImport(ITestOutputHelper output) : CoreTest(output)
{
    [Subtest("basic-with_one_bo")]
    public void BasicWithOneBo()
    {
        var fd1 = DrmTest.OpenDriver(Sys, "vgem");
        var fd2 = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd1, 4096);
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fd1, bo.Handle);
        var imported = Gem.PrimeFdToHandle(Sys, fd2, dmaBuf);

        // Re-importing gives the same handle; exporting the import gives the same dma-buf.
        Gem.PrimeFdToHandle(Sys, fd2, dmaBuf).Should().Be(imported);
        var dmaBuf2 = Gem.PrimeHandleToFd(Sys, fd2, imported);
        SameFile(dmaBuf, dmaBuf2).Should().BeTrue("both fds refer to the one dma-buf");

        // Self-import into the exporting file returns the original handle.
        Gem.PrimeFdToHandle(Sys, fd1, dmaBuf).Should().Be(bo.Handle);
        Gem.Close(Sys, fd1, bo.Handle);
        Gem.Close(Sys, fd2, imported);
        Sys.Close(dmaBuf).Should().Be(0);
        Sys.Close(dmaBuf2).Should().Be(0);
    }

    [Subtest("basic-with_two_bos")]
    public void BasicWithTwoBos()
    {
        var fd1 = DrmTest.OpenDriver(Sys, "vgem");
        var fd2 = DrmTest.OpenDriver(Sys, "vgem");
        var a = IgtVgem.Create(Sys, fd1, 4096);
        var b = IgtVgem.Create(Sys, fd1, 4096);
        var fa = Gem.PrimeHandleToFd(Sys, fd1, a.Handle);
        var fb = Gem.PrimeHandleToFd(Sys, fd1, b.Handle);
        var ha = Gem.PrimeFdToHandle(Sys, fd2, fa);
        var hb = Gem.PrimeFdToHandle(Sys, fd2, fb);
        ha.Should().NotBe(hb);
        Gem.Close(Sys, fd2, ha);
        // The other import is unaffected by closing the first.
        Gem.PrimeFdToHandle(Sys, fd2, fb).Should().Be(hb);
    }

    /// <summary>
    /// IGT's export-vs-gem_close-race, made deterministic: PRIME_HANDLE_TO_FD is parked after its handle lookup while
    /// a forked child (same file) closes the handle. The export must not succeed with an export reference nobody
    /// drops: once everything is closed the object's pages are gone.
    /// </summary>
    [Subtest("export-vs-gem_close-race")]
    public void ExportVsGemCloseRace()
    {
        IgtCore.Require(Sys.IsEmulated, "a park point inside PRIME_HANDLE_TO_FD (emulated machine)");
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var shmemBefore = Igt.Os.Thrash.MeminfoField(Sys, "Shmem");
        var bo = IgtVgem.Create(Sys, fd, 16 * 4096);
        var map = IgtVgem.Mmap(Sys, fd, bo);
        for (ulong p = 0; p < 16; p++)
            Sys.Write(map + p * 4096, [1]).Should().Be(FaultResult.Ok);
        Sys.Munmap(map, 16 * 4096);
        Igt.Os.Thrash.MeminfoField(Sys, "Shmem").Should().BeGreaterThan(shmemBefore, "the BO's pages are allocated");

        using var parked = new ManualResetEventSlim();
        using var closed = new ManualResetEventSlim();
        var armed = 1;
        Machine.Faults.Delay(FaultSites.PrimeHandleToFd, TimeSpan.Zero, () =>
        {
            if (Interlocked.Exchange(ref armed, 0) == 0)
                return false;
            parked.Set();
            closed.Wait(TimeSpan.FromSeconds(10));
            return false;
        });
        var closer = Sys.Fork(c =>
        {
            parked.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue("the export is parked after its lookup");
            Gem.TryClose(c, fd, bo.Handle).Should().Be(0);
            closed.Set();
        });
        var r = Gem.TryPrimeHandleToFd(Sys, fd, bo.Handle, 0, out var dmaBuf);
        Machine.Faults.Clear(FaultSites.PrimeHandleToFd);
        closer.Wait(10_000).Should().Be(0, closer.Failure?.ToString());
        r.Should().Be(-Errno.ENOENT, "the handle was closed before the export registered its dma-buf");
        if (r == 0)
            Sys.Close(dmaBuf);
        Igt.Os.Thrash.MeminfoField(Sys, "Shmem").Should().Be(shmemBefore, "no export reference outlives the last handle and fd");
    }

    [Subtest("with_fd_dup")]
    public void WithFdDup()
    {
        var fd1 = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd1, 4096);
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fd1, bo.Handle);
        var dup = Sys.Dup(dmaBuf);
        dup.Should().BeGreaterThan(0);
        Sys.Close(dmaBuf);
        Gem.PrimeFdToHandle(Sys, fd1, dup).Should().Be(bo.Handle);
    }

    [Subtest("dmabuf-outlives-handle")]
    public void DmabufOutlivesHandle()
    {
        var fd1 = DrmTest.OpenDriver(Sys, "vgem");
        var fd2 = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd1, 64 << 10);
        var addr = IgtVgem.Mmap(Sys, fd1, bo);
        IgtVgem.FillPattern(Sys, addr, bo.Size, 0xabc);
        Sys.Munmap(addr, bo.Size);
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fd1, bo.Handle);
        Gem.Close(Sys, fd1, bo.Handle);
        Sys.Close(fd1).Should().Be(0);

        // The exporter's handle and file are gone; the dma-buf still holds the memory.
        var imported = Gem.PrimeFdToHandle(Sys, fd2, dmaBuf);
        var map = IgtVgem.Mmap(Sys, fd2, new IgtVgem.Bo(imported, bo.Size, bo.Pitch));
        IgtVgem.CheckPattern(Sys, map, bo.Size, 0xabc).Should().Be(-1);
    }

    [Subtest("dmabuf-mmap")]
    public void DmabufMmap()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 16 << 10);
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fd, bo.Handle);
        var map = Sys.Mmap(0, bo.Size, Prot.ReadWrite, MapFlags.Shared, dmaBuf, 0);
        map.Should().BeGreaterThan(0);
        IgtVgem.FillPattern(Sys, (ulong)map, bo.Size, 5);
        var gemMap = IgtVgem.Mmap(Sys, fd, bo);
        IgtVgem.CheckPattern(Sys, gemMap, bo.Size, 5).Should().Be(-1, "both mappings show the same pages");
        // Beyond the end of the buffer: -EINVAL.
        Sys.Mmap(0, bo.Size, Prot.ReadWrite, MapFlags.Shared, dmaBuf, 4096).Should().Be(-Errno.EINVAL);
    }

    [Subtest("cross-device-import")]
    public void CrossDeviceImport()
    {
        var fdA = DrmTest.OpenDriver(Sys, "vgem", index: 0);
        var fdB = DrmTest.OpenDriver(Sys, "vgem", index: 1);
        var bo = IgtVgem.Create(Sys, fdA, 8192);
        var addr = IgtVgem.Mmap(Sys, fdA, bo);
        IgtVgem.FillPattern(Sys, addr, bo.Size, 99);
        var dmaBuf = Gem.PrimeHandleToFd(Sys, fdA, bo.Handle);
        var imported = Gem.PrimeFdToHandle(Sys, fdB, dmaBuf);
        imported.Should().NotBe(0);
        Gem.PrimeFdToHandle(Sys, fdB, dmaBuf).Should().Be(imported);
        var mapB = Sys.Mmap(0, bo.Size, Prot.ReadWrite, MapFlags.Shared, dmaBuf, 0);
        IgtVgem.CheckPattern(Sys, (ulong)mapB, bo.Size, 99).Should().Be(-1);
    }

    [Subtest("invalid-flags-and-fds")]
    public void InvalidFlagsAndFds()
    {
        var fd = DrmTest.OpenDriver(Sys, "vgem");
        var bo = IgtVgem.Create(Sys, fd, 4096);
        Gem.TryPrimeHandleToFd(Sys, fd, bo.Handle, 0x1, out _).Should().Be(-Errno.EINVAL, "only DRM_CLOEXEC|DRM_RDWR are valid");
        Gem.TryPrimeHandleToFd(Sys, fd, 0x777, 0, out _).Should().Be(-Errno.ENOENT);
        Gem.TryPrimeFdToHandle(Sys, fd, 999, out _).Should().Be(-Errno.EBADF);
        Gem.TryPrimeFdToHandle(Sys, fd, fd, out _).Should().Be(-Errno.EINVAL, "a DRM fd is not a dma-buf");
    }

    private bool SameFile(int fdA, int fdB) => Sys.Fstat(fdA) > 0 && Sys.Fstat(fdA) == Sys.Fstat(fdB);
}
