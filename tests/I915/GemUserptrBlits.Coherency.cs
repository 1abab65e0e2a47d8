using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.I915;

/// <summary>gem_userptr_blits: data moves correctly between userptr memory, GEM objects and other files.</summary>
public sealed partial class GemUserptrBlits
{
    [Subtest("coherency-sync")]
    public void CoherencySync()
    {
        RequireSync();
        TestCoherency(Sync);
    }

    [Subtest("coherency-unsync")]
    public void CoherencyUnsync()
    {
        RequireUnsync();
        TestCoherency(Unsync);
    }

    /// <summary>count userptr and count normal 1 MiB buffers; cyclic and random copies, values checked by CPU and GPU.</summary>
    private void TestCoherency(uint flags)
    {
        var count = IgtEnv.StressObjects(ci: 4, nightly: 24);
        IgtCore.Require(Thrash.TotalRam(Sys) >= 3L * count * (long)UserptrBlits.Size, $"RAM for 2x{count} 1MiB buffers");
        var memory = UserptrBlits.Memalign(Sys, (ulong)count * UserptrBlits.Size);
        var gpu = new uint[count];
        var gpuVal = new uint[count];
        var cpu = new uint[count];
        var cpuVal = new uint[count];
        uint start = 0;
        for (var i = 0; i < count; i++, start += UserptrBlits.Dwords)
        {
            gpu[i] = UserptrBlits.CreateBo(Sys, Fd, start);
            gpuVal[i] = start;
        }
        for (var i = 0; i < count; i++, start += UserptrBlits.Dwords)
        {
            cpu[i] = UserptrBlits.CreateUserptr(Sys, Fd, start, memory + (ulong)i * UserptrBlits.Size, flags);
            cpuVal[i] = start;
        }
        ulong Mem(int i) => memory + (ulong)i * UserptrBlits.Size;

        for (var i = 0; i < count; i++)
        {
            UserptrBlits.CheckGpu(Sys, Fd, gpu[i], gpuVal[i]);
            UserptrBlits.CheckCpu(Sys, Mem(i), cpuVal[i]);
        }
        // Cyclic blits cpu -> gpu, forward
        for (var i = 0; i < count * 4; i++)
        {
            int src = i % count, dst = (i + 1) % count;
            Copy(gpu[dst], cpu[src]).Should().Be(0);
            gpuVal[dst] = cpuVal[src];
        }
        for (var i = 0; i < count; i++)
            UserptrBlits.CheckGpu(Sys, Fd, gpu[i], gpuVal[i]);
        // Cyclic blits gpu -> cpu, backward
        for (var i = 0; i < count * 4; i++)
        {
            int src = (i + 1) % count, dst = i % count;
            Copy(cpu[dst], gpu[src]).Should().Be(0);
            cpuVal[dst] = gpuVal[src];
        }
        for (var i = 0; i < count; i++)
        {
            GemIoctls.SetDomain(Sys, Fd, cpu[i], I915GemDomain.Cpu, I915GemDomain.Cpu);
            UserptrBlits.CheckCpu(Sys, Mem(i), cpuVal[i]);
        }
        // Random blits
        var rng = new Random((int)MachineSeed("coherency"));
        for (var i = 0; i < count * 4; i++)
        {
            int src = rng.Next(count), dst = rng.Next(count);
            if (rng.Next(2) == 0)
            {
                Copy(gpu[dst], cpu[src]).Should().Be(0);
                gpuVal[dst] = cpuVal[src];
            }
            else
            {
                Copy(cpu[dst], gpu[src]).Should().Be(0);
                cpuVal[dst] = gpuVal[src];
            }
        }
        for (var i = 0; i < count; i++)
        {
            UserptrBlits.CheckGpu(Sys, Fd, gpu[i], gpuVal[i]);
            Gem.Close(Sys, Fd, gpu[i]);
            GemIoctls.SetDomain(Sys, Fd, cpu[i], I915GemDomain.Cpu, I915GemDomain.Cpu);
            UserptrBlits.CheckCpu(Sys, Mem(i), cpuVal[i]);
            Gem.Close(Sys, Fd, cpu[i]);
        }
        UserptrBlits.Free(Sys, memory, (ulong)count * UserptrBlits.Size);
    }

    [Subtest("dmabuf-sync")]
    public void DmabufSync() => TestDmabuf(Sync);

    [Subtest("dmabuf-unsync")]
    public void DmabufUnsync() => TestDmabuf(Unsync);

    /// <summary>
    /// Export a userptr as a dma-buf, import it on a second fd and compare through blits, close the dma-buf and
    /// compare again. Since 5.13 the export is refused (-EINVAL): the sync variant then skips (igt_require) and
    /// the unsync one has nothing to export. Both run on a 5.12 machine, where export still worked.
    /// </summary>
    private void TestDmabuf(uint flags)
    {
        BootKernel(5, 12);
        IgtCore.Require(UserptrBlits.HasUserptr(Sys, Fd, flags), flags == Unsync ? "unsynchronized userptr" : "userptr");
        var fd1 = Intel.Open(Sys);
        var ptr = UserMem.MapAnon(Sys, UserptrBlits.Size, MapFlags.Shared);
        var handle = GemUserptr.Userptr(Sys, fd1, ptr, UserptrBlits.Size, flags: flags);
        UserMem.Fill(Sys, ptr, UserptrBlits.Size, 0x5a);
        var ret = Gem.TryPrimeHandleToFd(Sys, fd1, handle, Drm.Uapi.DrmIoctls.DrmCloexec, out var dmabuf);
        if (flags == Unsync && ret != 0)
        {
            ret.Should().BeOneOf(-Errno.EINVAL, -Errno.ENODEV);
            Gem.Close(Sys, fd1, handle);
            Sys.Close(fd1);
            return;
        }
        IgtCore.Require(ret == 0, "dma-buf export of a userptr (refused since 5.13)");
        dmabuf.Should().BeGreaterThanOrEqualTo(0);

        var fd2 = Intel.Open(Sys);
        var imported = Gem.PrimeFdToHandle(Sys, fd2, dmabuf);
        CheckBo(ptr, fd2, imported);
        Sys.Close(dmabuf).Should().Be(0);
        CheckBo(ptr, fd2, imported);
        Gem.Close(Sys, fd1, handle);
        Sys.Close(fd1);
        Sys.Close(fd2);
        Sys.Munmap(ptr, UserptrBlits.Size);
    }

    /// <summary>check_bo: blit the imported object into a fresh one on its fd and compare with the userptr memory.</summary>
    private void CheckBo(ulong userptr, int fd2, uint handle2)
    {
        var tmp = Igt.I915.GemCreate.Create(Sys, fd2, UserptrBlits.Size);
        UserptrBlits.Copy(Sys, fd2, tmp, handle2).Should().Be(0);
        var map = GemMman.MmapCpu(Sys, fd2, tmp, 0, UserptrBlits.Size);
        Gem.Close(Sys, fd2, tmp);
        UserMem.ReadBytes(Sys, map, (int)UserptrBlits.Size).Should().Equal(UserMem.ReadBytes(Sys, userptr, (int)UserptrBlits.Size));
        Sys.Munmap(map, UserptrBlits.Size);
    }

    /// <summary>
    /// GPU stores through a writable userptr change the pages; the same stores through a READ_ONLY userptr of the
    /// same pages are dropped (the checksum does not change). Upstream builds a large arena aliasing a memfd; the
    /// emulation has no memfd, so both handles wrap the same 16 pages directly.
    /// </summary>
    [Subtest("readonly-unsync")]
    public void ReadonlyUnsync()
    {
        RequireUnsync();
        const int sz = 16 << 12;
        var pages = UserMem.MapAnon(Sys, sz, MapFlags.Shared);
        IgtCore.Require(GemUserptr.TryUserptr(Sys, Fd, pages, sz, true, Unsync, out var probe) == 0, "read-only userptr");
        Gem.Close(Sys, Fd, probe);
        var whandle = GemUserptr.Userptr(Sys, Fd, pages, sz, flags: Unsync);
        var rhandle = GemUserptr.Userptr(Sys, Fd, pages, sz, readOnly: true, flags: Unsync);
        var orig = UserptrBlits.Checksum(Sys, pages, sz);
        var rng = new Random((int)MachineSeed("readonly"));
        foreach (var e in IntelEngine.Physical(Sys, Fd))
        {
            StoreDwordRand(e, whandle, sz, 64, rng);
            GemIoctls.Sync(Sys, Fd, whandle);
            var reference = UserptrBlits.Checksum(Sys, pages, sz);
            reference.Should().NotBe(orig, $"stores through the writable userptr on {e} landed");

            StoreDwordRand(e, rhandle, sz, 64, rng);
            GemIoctls.Sync(Sys, Fd, rhandle);
            UserptrBlits.Checksum(Sys, pages, sz).Should().Be(reference, $"stores through the read-only userptr on {e} are discarded");
            orig = reference;
        }
        Gem.Close(Sys, Fd, rhandle);
        Gem.Close(Sys, Fd, whandle);
        Sys.Munmap(pages, sz);
    }

    /// <summary>store_dword_rand: one batch of <paramref name="count"/> random stores into <paramref name="target"/>.</summary>
    private void StoreDwordRand(IntelEngine engine, uint target, int size, int count, Random rng)
    {
        var gen = Gen;
        var b = new List<uint>();
        var relocs = new List<(int Dword, uint Delta)>();
        for (var n = 0; n < count; n++)
        {
            var delta = (uint)(rng.Next(size / 4) * 4);
            relocs.Add((IgtStore.EmitStoreDword(b, gen, delta, (uint)rng.Next()), delta));
        }
        IgtStore.End(b);
        var batch = Igt.I915.GemCreate.Create(Sys, Fd, (ulong)((b.Count * 4 + 4095) & ~4095));
        GemIoctls.Write(Sys, Fd, batch, 0, b.ToArray());
        using var list = new GemExecList(Sys);
        list.Add(target, ExecObjectFlags.Supports48BAddress);
        var bi = list.Add(batch);
        foreach (var (dw, delta) in relocs)
            list.Reloc(bi, (ulong)(dw * 4), target, delta, I915GemDomain.Render, I915GemDomain.Render);
        var eb = list.Args(engine.ExecFlags);
        GemExecbuf.Execbuf(Sys, Fd, ref eb);
        Gem.Close(Sys, Fd, batch);
    }
}
