using Igt.Core;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Fixtures;
using Igt.I915;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>gem_exec_store: MI_STORE_DWORD_IMM from every engine lands where relocations say (dynamic per engine upstream).</summary>
public sealed class GemExecStore(ITestOutputHelper output) : I915Test(output)
{
    /// <summary>Every capable engine stores its index into one shared object.</summary>
    [Subtest("basic")]
    public void Basic()
    {
        var engines = IntelEngine.Physical(Sys, Fd);
        var target = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
        for (var i = 0; i < engines.Count; i++)
            Store(engines[i], [target], [(0, (ulong)(4 * i), 0xc0ffee00u + (uint)i)]);
        GemIoctls.Sync(Sys, Fd, target);
        for (var i = 0; i < engines.Count; i++)
            GemIoctls.ReadU32(Sys, Fd, target, (ulong)(4 * i)).Should().Be(0xc0ffee00u + (uint)i, $"the store from {engines[i]}");
        Gem.Close(Sys, Fd, target);
    }

    [Subtest("dword")]
    public void Dword()
    {
        foreach (var e in IntelEngine.Physical(Sys, Fd))
        {
            var target = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
            IgtStore.StoreWord(Sys, Fd, e, target, 0, IgtStore.Value).Should().Be(0, $"execbuf on {e}");
            GemIoctls.Sync(Sys, Fd, target);
            GemIoctls.ReadU32(Sys, Fd, target, 0).Should().Be(IgtStore.Value, $"{e} stored 0xc0ffee");
            Gem.Close(Sys, Fd, target);
        }
    }

    /// <summary>One batch stores to all 64 cachelines of a page.</summary>
    [Subtest("cachelines")]
    public void Cachelines()
    {
        foreach (var e in IntelEngine.Physical(Sys, Fd))
        {
            var target = Igt.I915.GemCreate.Create(Sys, Fd, 4096);
            Store(e, [target], Enumerable.Range(0, 64).Select(i => (0, (ulong)(64 * i), (uint)i | 0xcafe0000)).ToArray());
            GemIoctls.Sync(Sys, Fd, target);
            for (var i = 0; i < 64; i++)
                GemIoctls.ReadU32(Sys, Fd, target, (ulong)(64 * i)).Should().Be((uint)i | 0xcafe0000, $"cacheline {i} from {e}");
            Gem.Close(Sys, Fd, target);
        }
    }

    /// <summary>One batch stores into 64 separate page-sized objects.</summary>
    [Subtest("pages")]
    public void Pages()
    {
        foreach (var e in IntelEngine.Physical(Sys, Fd))
        {
            var targets = Enumerable.Range(0, 64).Select(_ => Igt.I915.GemCreate.Create(Sys, Fd, 4096)).ToArray();
            Store(e, targets, Enumerable.Range(0, 64).Select(i => (i, (ulong)(4 * (i % 1024)), (uint)i | 0xbeef0000)).ToArray());
            for (var i = 0; i < 64; i++)
            {
                GemIoctls.Sync(Sys, Fd, targets[i]);
                GemIoctls.ReadU32(Sys, Fd, targets[i], (ulong)(4 * i)).Should().Be((uint)i | 0xbeef0000, $"page {i} from {e}");
                Gem.Close(Sys, Fd, targets[i]);
            }
        }
    }

    /// <summary>One execbuf on <paramref name="engine"/>: stores (target index, offset, value), addresses by relocation.</summary>
    private void Store(IntelEngine engine, uint[] targets, (int Target, ulong Offset, uint Value)[] stores)
    {
        var gen = Gen;
        var b = new List<uint>();
        var relocs = new List<(int Dword, int Target, ulong Offset)>();
        foreach (var (t, off, v) in stores)
            relocs.Add((IgtStore.EmitStoreDword(b, gen, off, v), t, off));
        IgtStore.End(b);
        var batch = Igt.I915.GemCreate.Create(Sys, Fd, (ulong)((b.Count * 4 + 4095) & ~4095));
        GemIoctls.Write(Sys, Fd, batch, 0, b.ToArray());
        using var list = new GemExecList(Sys);
        foreach (var t in targets)
            list.Add(t, ExecObjectFlags.Write);
        var bi = list.Add(batch);
        foreach (var (dw, t, off) in relocs)
            list.Reloc(bi, (ulong)(dw * 4), targets[t], (uint)off, I915GemDomain.Instruction, I915GemDomain.Instruction);
        var eb = list.Args(engine.ExecFlags);
        GemExecbuf.Execbuf(Sys, Fd, ref eb);
        Gem.Close(Sys, Fd, batch);
    }
}
