using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>gem_create: GEM_CREATE basics and that invalid sizes are rejected; new objects are clear.</summary>
public sealed class GemCreate(ITestOutputHelper output) : I915Test(output)
{
    private int TryCreate(ref DrmI915GemCreate a) => DrmIoctlHelper.Ioctl(Sys, Fd, I915Ioctls.GemCreate, ref a);

    [Subtest("create-invalid-size")]
    public void CreateInvalidSize()
    {
        var a = new DrmI915GemCreate { Size = 0 };
        TryCreate(ref a).Should().Be(-Errno.EINVAL, "zero-sized objects are not allowed");
        a.Size = ulong.MaxValue; // wraps to 0 when aligned to a page
        TryCreate(ref a).Should().Be(-Errno.EINVAL);
        a.Handle.Should().Be(0);
    }

    [Subtest("create-massive")]
    public void CreateMassive()
    {
        var a = new DrmI915GemCreate { Size = ulong.MaxValue << 32 };
        TryCreate(ref a).Should().Be(-Errno.E2BIG, "no system has this much memory");
        a.Handle.Should().Be(0);
    }

    [Subtest("create-valid-nonaligned")]
    public void CreateValidNonaligned()
    {
        var a = new DrmI915GemCreate { Size = 4096 / 2 };
        TryCreate(ref a).Should().Be(0);
        a.Size.Should().BeGreaterThanOrEqualTo(4096);
        // The padding up to the page is usable.
        GemIoctls.Write(Sys, Fd, a.Handle, 4096 / 2, new byte[4096 / 2]);
        Gem.Close(Sys, Fd, a.Handle);
    }

    [Subtest("create-size-update")]
    public void CreateSizeUpdate()
    {
        var a = new DrmI915GemCreate { Size = 15 };
        TryCreate(ref a).Should().Be(0);
        a.Size.Should().NotBe(15).And.Be(4096);
    }

    /// <summary>Objects of random sizes, read through pread and every CPU mapping, are all zero (no stale data).</summary>
    [Subtest("create-clear")]
    public void CreateClear()
    {
        var rng = new Random((int)MachineSeed("create-clear"));
        var batch = GemCreate4K(IntelGpuCommands.MiBatchBufferEnd);
        var iterations = IgtEnv.StressIterations(ci: 24, nightly: 400);
        for (var i = 0; i < iterations; i++)
        {
            var pages = 1 + rng.Next(64);
            var size = (ulong)pages * 4096;
            var handle = Igt.I915.GemCreate.Create(Sys, Fd, size);
            if (rng.Next(2) == 0)
                MakeResident(batch, handle);
            var mode = i % 3;
            ulong ptr = mode switch
            {
                1 => GemMman.MmapCpu(Sys, Fd, handle, 0, size),
                2 => GemMman.MapOffset(Sys, Fd, handle, size, Prot.Read, I915MmapOffsetType.Wc),
                _ => 0,
            };
            for (var page = 0; page < pages; page += 1 + rng.Next(pages - page))
            {
                var off = (ulong)page * 4096 + (ulong)(64 * (page % 63));
                var x = new byte[64];
                if (ptr == 0)
                    GemIoctls.Read(Sys, Fd, handle, off, x);
                else
                    x = UserMem.ReadBytes(Sys, ptr + off, 64);
                x.Should().OnlyContain(b => b == 0, $"page {page} of a new {size}-byte object must be clear");
            }
            // Dirty it before freeing, so a recycled page would show.
            GemIoctls.Write(Sys, Fd, handle, 0, Enumerable.Repeat((byte)0xa5, (int)Math.Min(size, 8192)).ToArray());
            if (ptr != 0)
                Sys.Munmap(ptr, size);
            Gem.Close(Sys, Fd, handle);
        }
    }

    private uint GemCreate4K(uint firstDword)
    {
        var h = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
        GemIoctls.Write(Sys, Fd, h, 0, new[] { firstDword, 0u });
        return h;
    }

    private void MakeResident(uint batch, uint handle)
    {
        using var list = new GemExecList(Sys);
        list.Add(handle, ExecObjectFlags.Supports48BAddress);
        list.Add(batch, ExecObjectFlags.Supports48BAddress);
        var eb = list.Args(0);
        var err = GemExecbuf.TryExecbuf(Sys, Fd, ref eb);
        IgtCore.Assert(err is 0 or -Errno.E2BIG or -Errno.ENOSPC, $"make_resident: {Errno.Name(err)}");
    }
}
