using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>gem_mmap: the legacy CPU mmap ioctl refuses bad handles, offsets and sizes; basic coherency with pwrite.</summary>
public sealed class GemMmap(ITestOutputHelper output) : I915Test(output)
{
    private const int ObjectSize = 16384;

    private int MmapIoctl(ref DrmI915GemMmap a) => DrmIoctlHelper.Ioctl(Sys, Fd, I915Ioctls.GemMmap, ref a);

    [Subtest("bad-object")]
    public void BadObject()
    {
        var real = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
        var handles = new List<uint> { 0xdeadbeef };
        for (var bit = 0; bit < 16; bit++)
            handles.Add(real | (1u << (bit + 16)));
        handles.Add(real + 1);
        foreach (var h in handles)
        {
            var a = new DrmI915GemMmap { Handle = h, Size = 4096 };
            MmapIoctl(ref a).Should().Be(-Errno.ENOENT, $"handle 0x{h:x}");
        }
        Gem.Close(Sys, Fd, real);
    }

    [Subtest("bad-offset")]
    public void BadOffset()
    {
        (ulong Size, ulong Offset)[] bad = [(4096, 4096 + 1), (4096, unchecked((ulong)-4096)), (2 * 4096, unchecked((ulong)-4096)), (4096, ulong.MaxValue), (0, 0)];
        foreach (var (size, offset) in bad)
        {
            var a = new DrmI915GemMmap { Handle = Igt.I915.GemCreate.Create(Sys, Fd, 4096), Offset = offset, Size = size };
            MmapIoctl(ref a).Should().Be(-Errno.EINVAL, $"size {size} offset 0x{offset:x}");
            Gem.Close(Sys, Fd, a.Handle);
        }
    }

    [Subtest("bad-size")]
    public void BadSize()
    {
        ulong[] bad = [0, unchecked((ulong)-4096), 4096 + 1, 2 * 4096, ulong.MaxValue];
        foreach (var size in bad)
        {
            var a = new DrmI915GemMmap { Handle = Igt.I915.GemCreate.Create(Sys, Fd, 4096), Offset = 4096, Size = size };
            MmapIoctl(ref a).Should().Be(-Errno.EINVAL, $"size 0x{size:x}");
            Gem.Close(Sys, Fd, a.Handle);
        }
    }

    /// <summary>New objects read zero, pwrite is visible through the map, and the map outlives the handle.</summary>
    [Subtest("basic")]
    public void Basic()
    {
        var a = new DrmI915GemMmap { Handle = Igt.I915.GemCreate.Create(Sys, Fd, ObjectSize), Size = ObjectSize };
        MmapIoctl(ref a).Should().Be(0);
        var addr = a.AddrPtr;
        UserMem.ReadBytes(Sys, addr, ObjectSize).Should().OnlyContain(b => b == 0, "a new object is clear");

        var buf = new byte[ObjectSize];
        Array.Fill(buf, (byte)1, 1024, 1024);
        GemIoctls.Write(Sys, Fd, a.Handle, 0, buf);
        UserMem.ReadBytes(Sys, addr, ObjectSize).Should().Equal(buf, "writes are coherent with mmap reads");

        Gem.Close(Sys, Fd, a.Handle);
        UserMem.ReadBytes(Sys, addr, ObjectSize).Should().Equal(buf, "the mapping stays after close");
        Sys.Munmap(addr, ObjectSize).Should().Be(0);
    }

    [Subtest("short-mmap")]
    public void ShortMmap()
    {
        var handle = Igt.I915.GemCreate.Create(Sys, Fd, ObjectSize);
        var addr = GemMman.MmapCpu(Sys, Fd, handle, 0, 4096);
        UserMem.Fill(Sys, addr, 4096, 0);
        Sys.Munmap(addr, 4096).Should().Be(0);
        Gem.Close(Sys, Fd, handle);
    }
}
