using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>gem_mmap_offset: MMAP_OFFSET argument checks, coherency of every mmap type, and per-file isolation.</summary>
public sealed class GemMmapOffset(ITestOutputHelper output) : I915Test(output)
{
    private int MmapOffsetIoctl(int fd, ref DrmI915GemMmapOffset a) => DrmIoctlHelper.Ioctl(Sys, fd, I915Ioctls.GemMmapOffset, ref a);

    [Subtest("bad-object")]
    public void BadObject()
    {
        var real = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
        var handles = new List<uint> { 0xdeadbeef };
        for (var bit = 0; bit < 16; bit++)
            handles.Add(real | (1u << (bit + 16)));
        handles.Add(real + 1);
        var checkedTypes = 0;
        foreach (var t in MmapOffsetType.All)
        {
            var ok = new DrmI915GemMmapOffset { Handle = real, Flags = t.Type };
            if (MmapOffsetIoctl(Fd, ref ok) != 0)
                continue;
            checkedTypes++;
            foreach (var h in handles)
            {
                var a = new DrmI915GemMmapOffset { Handle = h, Flags = t.Type };
                MmapOffsetIoctl(Fd, ref a).Should().Be(-Errno.ENOENT, $"{t} handle 0x{h:x}");
            }
        }
        checkedTypes.Should().BeGreaterThan(0);
        Gem.Close(Sys, Fd, real);
    }

    [Subtest("bad-flags")]
    public void BadFlags()
    {
        var a = new DrmI915GemMmapOffset { Handle = Igt.I915.GemCreate.Create(Sys, Fd, 4096), Flags = ulong.MaxValue };
        MmapOffsetIoctl(Fd, ref a).Should().Be(-Errno.EINVAL);
        Gem.Close(Sys, Fd, a.Handle);
    }

    [Subtest("bad-extensions")]
    public void BadExtensions()
    {
        var a = new DrmI915GemMmapOffset { Handle = Igt.I915.GemCreate.Create(Sys, Fd, 4096), Extensions = ulong.MaxValue };
        MmapOffsetIoctl(Fd, ref a).Should().Be(-Errno.EFAULT);
        using var ext = Igt.Os.UserBuffer.Alloc(Sys, 64);
        ext.Write(0, new I915UserExtension { Name = uint.MaxValue });
        a.Extensions = ext.Addr;
        MmapOffsetIoctl(Fd, ref a).Should().Be(-Errno.EINVAL);
        Gem.Close(Sys, Fd, a.Handle);
    }

    /// <summary>Each type: clear on create, coherent with pwrite and pread, and resident after gem_close.</summary>
    [Subtest("basic-uaf")]
    public void BasicUaf()
    {
        const int size = 4096;
        var mapped = 0;
        foreach (var t in MmapOffsetType.All)
        {
            var handle = Igt.I915.GemCreate.Create(Sys, Fd, size);
            var addr = GemMman.TryMapOffset(Sys, Fd, handle, 0, size, Prot.ReadWrite, t.Type);
            if (addr < 0)
            {
                Gem.Close(Sys, Fd, handle);
                continue;
            }
            mapped++;
            var p = (ulong)addr;
            if (t.Domain != 0)
                GemIoctls.SetDomain(Sys, Fd, handle, t.Domain, 0);
            UserMem.ReadBytes(Sys, p, size).Should().OnlyContain(b => b == 0, $"mmap({t}) clear on gem_create()");

            var buf = new byte[size];
            Array.Fill(buf, (byte)1, 1024, 1024);
            GemIoctls.Write(Sys, Fd, handle, 0, buf);
            UserMem.ReadBytes(Sys, p, size).Should().Equal(buf, $"mmap({t}) coherent with gem_write()");

            UserMem.Fill(Sys, p + 2048, 1024, 0xff);
            GemIoctls.Read(Sys, Fd, handle, 0, buf);
            UserMem.ReadBytes(Sys, p, size).Should().Equal(buf, $"mmap({t}) coherent with gem_read()");

            Gem.Close(Sys, Fd, handle);
            UserMem.ReadBytes(Sys, p, size).Should().Equal(buf, $"mmap({t}) resident after gem_close()");
            Sys.Munmap(p, size).Should().Be(0);
        }
        mapped.Should().BeGreaterThan(0);
    }

    /// <summary>An offset is only mappable through a file that holds a handle; closing that file revokes it.</summary>
    [Subtest("isolation")]
    public void Isolation()
    {
        var i915 = Fd;
        foreach (var t in MmapOffsetType.All)
        {
            var fdA = Intel.Open(Sys);
            var fdB = Intel.Open(Sys);
            var a = Igt.I915.GemCreate.Create(Sys, fdA, 4096);
            var b = Gem.Open(Sys, fdB, Gem.Flink(Sys, fdA, a));
            var argA = new DrmI915GemMmapOffset { Handle = a, Flags = t.Type };
            if (MmapOffsetIoctl(fdA, ref argA) != 0)
            {
                Sys.Close(fdA);
                Sys.Close(fdB);
                continue;
            }
            var argB = new DrmI915GemMmapOffset { Handle = b, Flags = t.Type };
            MmapOffsetIoctl(fdB, ref argB).Should().Be(0);

            Sys.Mmap(0, 4096, Prot.Read, MapFlags.Shared, i915, argA.Offset).Should().Be(-Errno.EACCES, $"{t}: fd without a handle");
            Sys.Mmap(0, 4096, Prot.Read, MapFlags.Shared, i915, argB.Offset).Should().Be(-Errno.EACCES, $"{t}: fd without a handle");
            if (argA.Offset != argB.Offset)
            {
                Sys.Mmap(0, 4096, Prot.Read, MapFlags.Shared, fdB, argA.Offset).Should().Be(-Errno.EACCES);
                Sys.Mmap(0, 4096, Prot.Read, MapFlags.Shared, fdA, argB.Offset).Should().Be(-Errno.EACCES);
            }

            Sys.Close(fdB);
            var ptr = Sys.Mmap(0, 4096, Prot.Read, MapFlags.Shared, fdA, argA.Offset);
            ptr.Should().BeGreaterThan(0, $"{t}: the owner can still map");
            Sys.Munmap((ulong)ptr, 4096);

            Sys.Close(fdA);
            Sys.Mmap(0, 4096, Prot.Read, MapFlags.Shared, fdA, argA.Offset).Should().BeLessThan(0, "the fd is closed");
        }
    }
}
