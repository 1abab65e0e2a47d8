using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Os;

namespace Igt.I915;

/// <summary>
/// lib/igt_store.c and the store-dword emitters of gem_exec_store.c: MI_STORE_DWORD_IMM in the form each
/// graphics version wants, with the dword the address (relocation) goes into.
/// </summary>
public static class IgtStore
{
    public const uint Value = 0xc0ffee;

    /// <summary>
    /// Appends a store of <paramref name="value"/> to <paramref name="address"/>; returns the index of the address
    /// dword (where a relocation must point). gen8+: [hdr, lo, hi, value]; gen4-7: [hdr, 0, addr, value].
    /// </summary>
    public static int EmitStoreDword(List<uint> batch, int gen, ulong address, uint value)
    {
        var hdr = IntelGpuCommands.MiStoreDwordImmGen4 | (gen < 6 ? 1u << 22 : 0);
        batch.Add(hdr);
        int addrIndex;
        if (gen >= 8)
        {
            addrIndex = batch.Count;
            batch.Add((uint)address);
            batch.Add((uint)(address >> 32));
        }
        else
        {
            batch.Add(0);
            addrIndex = batch.Count;
            batch.Add((uint)address);
        }
        batch.Add(value);
        return addrIndex;
    }

    /// <summary>Ends a batch: MI_BATCH_BUFFER_END, padded with MI_NOOP to a qword.</summary>
    public static void End(List<uint> batch)
    {
        batch.Add(IntelGpuCommands.MiBatchBufferEnd);
        if (batch.Count % 2 != 0)
            batch.Add(IntelGpuCommands.MiNoop);
    }

    /// <summary>
    /// igt_store_word: one execbuf on <paramref name="engine"/> storing <paramref name="value"/> at
    /// <paramref name="offset"/> of <paramref name="target"/>, through a relocation. Returns 0 or -errno.
    /// </summary>
    public static int StoreWord(ISyscalls sys, int fd, IntelEngine engine, uint target, ulong offset, uint value)
    {
        var gen = Intel.Gen(sys, fd);
        var batchHandle = GemCreate.Create(sys, fd, 4096);
        try
        {
            var b = new List<uint>();
            var addr = EmitStoreDword(b, gen, offset, value);
            End(b);
            GemIoctls.Write(sys, fd, batchHandle, 0, b.ToArray());
            using var list = new GemExecList(sys);
            list.Add(target, ExecObjectFlags.Write);
            var bi = list.Add(batchHandle);
            list.Reloc(bi, (ulong)(addr * 4), target, (uint)offset, I915GemDomain.Instruction, I915GemDomain.Instruction);
            var eb = list.Args(engine.ExecFlags | (gen < 6 ? I915ExecFlags.Secure : 0));
            return GemExecbuf.TryExecbuf(sys, fd, ref eb);
        }
        finally
        {
            Gem.Close(sys, fd, batchHandle);
        }
    }
}
