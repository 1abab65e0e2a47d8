using Igt.Core;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Prime;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_mmap: mmap() of a dma-buf fd. The upstream subtests export i915 BOs (gem_create + gem_write); the
/// driver-independent ones also run against vgem, etnaviv and panfrost BOs (PrimeMmap.Drivers.cs).
/// </summary>
public sealed partial class PrimeMmap(ITestOutputHelper output) : PrimeExporterTest(output)
{
    private const ulong BoSize = 16 * 1024;

    private PrimeExporter I915 => Exporter("i915");

    [Subtest("test_correct")]
    public void TestCorrect() => Correct(I915);

    [Subtest("test_map_unmap")]
    public void TestMapUnmap() => MapUnmap(I915);

    [Subtest("test_reprime")]
    public void TestReprime() => Reprime(I915);

    [Subtest("test_forked")]
    public void TestForked() => Forked(I915);

    [Subtest("test_correct_cpu_write")]
    public void TestCorrectCpuWrite() => CorrectCpuWrite(I915);

    [Subtest("test_forked_cpu_write")]
    public void TestForkedCpuWrite() => ForkedCpuWrite(I915);

    [Subtest("test_refcounting")]
    public void TestRefcounting() => Refcounting(I915);

    [Subtest("test_dup")]
    public void TestDup() => Dup(I915);

    [Subtest("test_errors")]
    public void TestErrors() => Errors(I915);

    [Subtest("test_invalid_sync_flags")]
    public void TestInvalidSyncFlags() => InvalidSyncFlags(I915);

    /// <summary>
    /// Not upstream: why prime_handle_to_fd_for_mmap exists. The dma-buf file takes its access mode from the export
    /// flags (exp_info.flags), so an export without DRM_RDWR is O_RDONLY and do_mmap refuses a shared writable
    /// mapping of it with -EACCES; a read-only mapping works.
    /// </summary>
    [Subtest("test_readonly_export")]
    public void TestReadonlyExport()
    {
        var h = I915.CreateFilled(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, I915.Fd, h);
        PrimeHelpers.TryMmap(Sys, dmabuf, BoSize, Prot.ReadWrite).Should().Be(-Errno.EACCES,
            "a dma-buf exported without DRM_RDWR is read-only");
        var map = PrimeHelpers.Mmap(Sys, dmabuf, BoSize, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, map, BoSize).Should().Be(-1);
        Sys.Munmap(map, BoSize).Should().Be(0);
        Sys.Close(dmabuf).Should().Be(0);
        I915.Close(h);
    }

    /// <summary>
    /// mmap(dma_buf_export(userptr)): since 5.13 i915 refuses to export a userptr (-EINVAL); before, the export
    /// worked and the dma-buf mmap failed with -ENODEV (no shmem file behind it). Upstream accepts either; here the
    /// booted kernel's rule is required.
    /// </summary>
    [Subtest("test_userptr")]
    public void TestUserptr()
    {
        RequireDmaBufMmap(I915);
        UserptrExport(Sys, I915.Fd, Machine.Version.AtLeast(5, 13));
    }

    /// <summary>test_userptr on a 5.10 kernel: the export works and the dma-buf mmap is -ENODEV.</summary>
    [Subtest("test_userptr-kernel-5.10")]
    public void TestUserptrKernel510()
    {
        Boot(cfg => cfg.KernelVersion = new KernelVersion(5, 10));
        RequireDmaBufMmap(I915);
        UserptrExport(Sys, I915.Fd, exportRefused: false);
    }

    /// <summary>
    /// Two buffers whose sum exceeds the mappable aperture are both mapped through their dma-bufs (which do not go
    /// through the aperture). The emulated i915 has no GGTT aperture to query (gem_mappable_aperture_size reads PCI
    /// BAR 2), so the test uses the 256 MiB BAR of a Skylake GT2. i915 refuses objects larger than system memory
    /// (-E2BIG), so the machine gets 512 MiB of RAM; the objects stay sparse (only their first pages are written).
    /// </summary>
    [Subtest("test_aperture_limit")]
    public void TestApertureLimit()
    {
        const ulong aperture = 256UL << 20;
        Boot(cfg => cfg.RamBytes = 512L << 20);
        var size1 = aperture * 7 / 8;
        var size2 = aperture * 3 / 8;
        var fd = I915.Fd;
        var sz = size1;
        IgtCore.Require(GemCreate.TryCreate(Sys, fd, ref sz, out var probe) == 0, $"gem_create of {size1 >> 20} MiB");
        Gem.Close(Sys, fd, probe);

        var h1 = GemCreate.Create(Sys, fd, size1);
        I915.Fill(h1, BoSize);
        var d1 = PrimeHelpers.HandleToFd(Sys, fd, h1);
        var p1 = PrimeHelpers.Mmap(Sys, d1, size1, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, p1, BoSize).Should().Be(-1, "the first buffer shows the pattern");

        var h2 = GemCreate.Create(Sys, fd, size1);
        I915.Fill(h2, BoSize);
        var d2 = PrimeHelpers.HandleToFd(Sys, fd, h2);
        var p2 = PrimeHelpers.Mmap(Sys, d2, size2, Prot.Read);
        PrimeExporter.FirstPatternMismatch(Sys, p2, BoSize).Should().Be(-1, "the second buffer shows the pattern");
        PrimeExporter.ReadMapping(Sys, p1, BoSize).Should().Equal(PrimeExporter.ReadMapping(Sys, p2, BoSize));

        Sys.Munmap(p1, size1).Should().Be(0);
        Sys.Munmap(p2, size2).Should().Be(0);
        Sys.Close(d1).Should().Be(0);
        Sys.Close(d2).Should().Be(0);
        Gem.Close(Sys, fd, h1);
        Gem.Close(Sys, fd, h2);
    }

    private void UserptrExport(ISyscalls sys, int fd, bool exportRefused)
    {
        var mem = sys.Mmap(0, BoSize, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
        mem.Should().BeGreaterThan(0);
        // Unsynchronized userptrs may never be exported: a normal (notifier-backed) one, as upstream.
        var handle = GemUserptr.Userptr(sys, fd, (ulong)mem, BoSize);
        var r = PrimeHelpers.TryHandleToFd(sys, fd, handle, DrmIoctls.DrmCloexec, out var dmabuf);
        if (exportRefused)
        {
            r.Should().Be(-Errno.EINVAL, "exporting a userptr is refused since 5.13");
            dmabuf.Should().Be(-1);
        }
        else
        {
            r.Should().Be(0, "older kernels export a userptr");
            dmabuf.Should().BeGreaterThanOrEqualTo(0);
            PrimeHelpers.TryMmap(sys, dmabuf, BoSize, Prot.Read).Should().Be(-Errno.ENODEV,
                "a userptr has no shmem file for the dma-buf mmap");
            sys.Close(dmabuf).Should().Be(0);
        }
        Gem.Close(sys, fd, handle);
        sys.Munmap((ulong)mem, BoSize);
    }

    /// <summary>check_for_dma_buf_mmap: the binary skips when the exporter cannot mmap a dma-buf at all.</summary>
    private void RequireDmaBufMmap(PrimeExporter e)
    {
        var h = e.Create(BoSize);
        var dmabuf = PrimeHelpers.HandleToFd(Sys, e.Fd, h);
        var p = PrimeHelpers.TryMmap(Sys, dmabuf, BoSize, Prot.Read);
        if (p >= 0)
            Sys.Munmap((ulong)p, BoSize);
        e.Close(h);
        Sys.Close(dmabuf);
        IgtCore.Require(p >= 0, $"mmap of a {e.Name} dma-buf");
    }
}
