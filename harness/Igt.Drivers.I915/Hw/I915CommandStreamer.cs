using Igt.Drivers.I915.Gt;

namespace Igt.Drivers.I915.Hw;

/// <summary>
/// An engine's command streamer: fetches a batch through the ppGTT and executes the subset of commands the
/// emulation knows: MI_NOOP, MI_ARB_CHECK, MI_BATCH_BUFFER_END, MI_STORE_DWORD_IMM / STORE_QWORD (gen8+ 64-bit
/// address), MI_BATCH_BUFFER_START (gen8+, ppGTT, so a batch can loop on itself) and, on the blitter,
/// XY_SRC_COPY_BLT. Anything else stalls the engine, as an invalid command does on the hardware, until hangcheck
/// resets it. Every batch-buffer jump is an arbitration point that costs about a millisecond, so a self-looping
/// spinner burns no CPU and notices a CPU write of MI_BATCH_BUFFER_END into itself.
/// </summary>
public sealed class I915CommandStreamer(I915Engine engine)
{
    private const int YieldEvery = 1024;

    /// <summary>Executes <paramref name="rq"/>; <paramref name="poll"/> says whether to keep running.</summary>
    public I915BatchResult Run(I915Request rq, Func<I915Request, I915BatchResult?> poll)
    {
        var mem = new I915GpuMemory(engine.I915.Machine.Pages, rq.Vm, engine.Name);
        var ip = rq.BatchStart;
        long executed = 0;
        Span<uint> cmd = stackalloc uint[16];
        while (true)
        {
            if (++executed % YieldEvery == 0)
            {
                Thread.Yield();
                if (poll(rq) is { } r)
                    return r;
            }
            var header = mem.ReadDword(ip, "i915_cs_fetch");
            rq.Acthd = ip;
            rq.Ipehr = header;
            switch (MiCommands.Client(header))
            {
                case MiCommands.ClientMi:
                    switch (MiCommands.MiOpcode(header))
                    {
                        case MiCommands.OpNoop:
                            ip += 4;
                            continue;
                        case MiCommands.OpArbCheck:
                            ip += 4;
                            if (poll(rq) is { } ra)
                                return ra;
                            continue;
                        case MiCommands.OpBatchBufferEnd:
                            return I915BatchResult.Completed;
                        case MiCommands.OpStoreDwordImm:
                        {
                            var len = (int)MiCommands.MiLength(header) + 2;
                            if (len is not (4 or 5))
                                return Stall(rq, poll);
                            Fetch(mem, ip, cmd[..len]);
                            var addr = (cmd[1] | ((ulong)cmd[2] << 32)) & ~3UL;
                            // A user batch cannot reach the global GTT: the store goes nowhere.
                            if ((header & MiCommands.StoreUseGgtt) == 0)
                            {
                                mem.WriteDword(addr, cmd[3], "i915_cs_store_dword");
                                if (len == 5)
                                    mem.WriteDword(addr + 4, cmd[4], "i915_cs_store_dword");
                            }
                            ip += (ulong)len * 4;
                            continue;
                        }
                        case MiCommands.OpBatchBufferStart:
                        {
                            if (MiCommands.MiLength(header) != 1 || (header & MiCommands.BbsPpgtt) == 0)
                                return Stall(rq, poll);
                            Fetch(mem, ip, cmd[..3]);
                            ip = (cmd[1] | ((ulong)cmd[2] << 32)) & ~3UL;
                            Thread.Sleep(1);
                            if (poll(rq) is { } rb)
                                return rb;
                            continue;
                        }
                        default:
                            return Stall(rq, poll);
                    }
                case MiCommands.Client2D when engine.UabiClass == Uapi.I915EngineClass.Copy:
                {
                    var len = (int)MiCommands.Length2D(header) + 2;
                    if (MiCommands.Opcode2D(header) != MiCommands.Op2DXySrcCopy || len != I915Blitter.XySrcCopyDwords)
                        return Stall(rq, poll);
                    Fetch(mem, ip, cmd[..len]);
                    if (!I915Blitter.XySrcCopy(mem, cmd[..len]))
                        return Stall(rq, poll);
                    ip += (ulong)len * 4;
                    continue;
                }
                default:
                    return Stall(rq, poll);
            }
        }
    }

    private static void Fetch(I915GpuMemory mem, ulong ip, Span<uint> dst)
    {
        for (var i = 0; i < dst.Length; i++)
            dst[i] = mem.ReadDword(ip + (ulong)i * 4, "i915_cs_fetch");
    }

    /// <summary>An invalid or unsupported command: the parser stops here until hangcheck or a stop.</summary>
    private static I915BatchResult Stall(I915Request rq, Func<I915Request, I915BatchResult?> poll)
    {
        rq.Stalled = true;
        while (true)
        {
            Thread.Sleep(2);
            if (poll(rq) is { } r)
                return r;
        }
    }
}
