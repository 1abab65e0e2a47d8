using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.Vgem;

/// <summary>
/// The native backend (<see cref="NativeSyscalls"/>, IGT_BACKEND=native) on this host's own kernel: errno comes back
/// negative, and memory accesses report the fault they would raise instead of crashing the test host. Without a
/// /dev/dri here the DRM subtests skip on it; these check the plumbing on files every Linux has.
/// </summary>
public sealed class NativeBackendTests
{
    private readonly NativeSyscalls _sys = new();

    [Fact]
    public void Calls_return_the_kernels_errno()
    {
        var fd = _sys.Open("/dev/null");
        fd.Should().BeGreaterThan(2);
        _sys.Fstat(fd).Should().BeGreaterThan(0);
        _sys.Ioctl(fd, DrmIoctls.Version, 0).Should().Be(-Errno.ENOTTY, "/dev/null is no DRM device");
        var dup = _sys.Dup(fd);
        _sys.Fstat(dup).Should().Be(_sys.Fstat(fd));
        _sys.Close(dup).Should().Be(0);
        _sys.Close(fd).Should().Be(0);
        _sys.Close(fd).Should().Be(-Errno.EBADF);
        _sys.Open("/dev/dri/no-such-node").Should().Be(-Errno.ENOENT);
        _sys.ListDevices("/dev/nu").Should().Contain("/dev/null");
    }

    [Fact]
    public void Memory_faults_are_reported_not_taken()
    {
        var buf = new byte[16];
        _sys.Read(0x1000, buf).Should().Be(FaultResult.SegvMapErr);
        var ro = _sys.Mmap(0, 8192, Prot.Read, MapFlags.Private | MapFlags.Anonymous);
        ro.Should().BeGreaterThan(0);
        _sys.Read((ulong)ro, buf).Should().Be(FaultResult.Ok);
        _sys.Write((ulong)ro, buf).Should().Be(FaultResult.SegvAccErr);
        _sys.Munmap((ulong)ro, 8192).Should().Be(0);
        // Other test threads of this host process map memory too and may take the freed range at once; a fresh
        // range per attempt keeps the check meaningful (a munmap that unmapped nothing fails every attempt).
        var unmapped = _sys.Read((ulong)ro, buf);
        for (var attempt = 0; attempt < 5 && unmapped != FaultResult.SegvMapErr; attempt++)
        {
            var again = _sys.Mmap(0, 8192, Prot.Read, MapFlags.Private | MapFlags.Anonymous);
            again.Should().BeGreaterThan(0);
            _sys.Munmap((ulong)again, 8192).Should().Be(0);
            unmapped = _sys.Read((ulong)again, buf);
        }
        unmapped.Should().Be(FaultResult.SegvMapErr, "unmapped again");

        using var ub = UserBuffer.Alloc(_sys, 64);
        ub.Write(8, 0x1122334455667788UL);
        ub.Read<ulong>(8).Should().Be(0x1122334455667788UL, "the library's user buffers work on this backend");
    }
}
