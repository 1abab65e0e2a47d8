using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>gem_madvise: the kernel reports EFAULT (or SIGBUS on a mapping) when a purged object is used.</summary>
public sealed class GemMadvise(ITestOutputHelper output) : I915Test(output)
{
    private const ulong ObjectSize = 4096;

    /// <summary>DONTNEED on an object with no pages purges it at once: every mmap type then faults with SIGBUS.</summary>
    [Subtest("dontneed-before-mmap")]
    public void DontneedBeforeMmap()
    {
        var tried = 0;
        foreach (var t in MmapOffsetType.All)
        {
            var fd = Intel.Open(Sys);
            var handle = Igt.I915.GemCreate.Create(Sys, fd, ObjectSize);
            GemIoctls.Madvise(Sys, fd, handle, I915Madv.DontNeed).Should().BeFalse("an object without pages is truncated at once");
            var ptr = GemMman.TryMapOffset(Sys, fd, handle, 0, ObjectSize, Prot.ReadWrite, t.Type);
            Sys.Close(fd);
            if (ptr < 0)
                continue;
            tried++;
            Sys.Write((ulong)ptr, new byte[4]).Should().Be(FaultResult.Bus, $"a purged object's {t} mapping raises SIGBUS");
            Sys.Munmap((ulong)ptr, ObjectSize);
        }
        tried.Should().BeGreaterThan(0);
    }

    [Subtest("dontneed-after-mmap")]
    public void DontneedAfterMmap()
    {
        var fd = Intel.Open(Sys);
        var handle = Igt.I915.GemCreate.Create(Sys, fd, ObjectSize);
        var ptr = GemMman.MmapGtt(Sys, fd, handle, ObjectSize, Prot.ReadWrite);
        GemIoctls.Madvise(Sys, fd, handle, I915Madv.DontNeed);
        Sys.Close(fd);
        Sys.Write(ptr, new byte[4]).Should().Be(FaultResult.Bus, "the purged object's GTT mapping raises SIGBUS");
        Sys.Munmap(ptr, ObjectSize);
    }

    [Subtest("dontneed-before-pwrite")]
    public void DontneedBeforePwrite()
    {
        var fd = Intel.Open(Sys);
        var handle = Igt.I915.GemCreate.Create(Sys, fd, ObjectSize);
        GemIoctls.Madvise(Sys, fd, handle, I915Madv.DontNeed);
        GemIoctls.TryWrite(Sys, fd, handle, 0, BitConverter.GetBytes(IntelGpuCommands.MiBatchBufferEnd)).Should().Be(-Errno.EFAULT);
        Sys.Close(fd);
    }

    [Subtest("dontneed-before-exec")]
    public void DontneedBeforeExec()
    {
        var fd = Intel.Open(Sys);
        var handle = Igt.I915.GemCreate.Create(Sys, fd, ObjectSize);
        GemIoctls.Write(Sys, fd, handle, 0, new[] { IntelGpuCommands.MiBatchBufferEnd, 0u });
        GemIoctls.Madvise(Sys, fd, handle, I915Madv.DontNeed);
        using var list = new GemExecList(Sys);
        list.Add(handle);
        var eb = list.Args(0, batchLen: 8);
        GemExecbuf.TryExecbuf(Sys, fd, ref eb).Should().Be(-Errno.EFAULT);
        Sys.Close(fd);
    }
}
