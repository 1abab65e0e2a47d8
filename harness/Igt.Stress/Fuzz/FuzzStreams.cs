using Bogus;

namespace Igt.Stress.Fuzz;

/// <summary>Command buffer contents that look like what the GPUs parse, with some noise.</summary>
public static class FuzzStreams
{
    public static byte[] Fill(ulong content, int len, Randomizer r)
    {
        var bytes = new byte[len];
        switch (content)
        {
            case FuzzContent.EtnavivStream:
                EtnavivStream(bytes, r);
                break;
            case FuzzContent.I915Batch:
                I915Batch(bytes, r);
                break;
            default:
                if (r.Bool(0.5f))
                    r.Bytes(len).CopyTo(bytes, 0);
                break;
        }
        return bytes;
    }

    /// <summary>Pairs of dwords: NOP, STALL, LOAD_STATE of one harmless state, now and then END or noise.</summary>
    private static void EtnavivStream(byte[] bytes, Randomizer r)
    {
        for (var i = 0; i + 8 <= bytes.Length; i += 8)
        {
            uint a, b;
            switch (r.Number(0, 9))
            {
                case 0: a = 0x48000000; b = 0x00000701; break; // STALL FE -> PE
                case 1: a = 0x08010000 | 0x0e03; b = 0x3; break; // LOAD_STATE 1 x GL_FLUSH_CACHE
                case 2: a = 0x10000000; b = 0; break; // END
                case 3: a = r.UInt(); b = r.UInt(); break;
                default: a = 0x18000000; b = 0; break; // NOP
            }
            BitConverter.TryWriteBytes(bytes.AsSpan(i), a);
            BitConverter.TryWriteBytes(bytes.AsSpan(i + 4), b);
        }
    }

    /// <summary>MI_NOOPs, a store-dword now and then, MI_BATCH_BUFFER_END most of the time at the end.</summary>
    private static void I915Batch(byte[] bytes, Randomizer r)
    {
        var dwords = bytes.Length / 4;
        for (var i = 0; i < dwords; i++)
        {
            uint v = r.Number(0, 9) switch
            {
                0 => 0x10000002, // MI_STORE_DWORD_IMM_GEN4
                1 => r.UInt(),
                2 => 0x18800001, // MI_BATCH_BUFFER_START_GEN8
                _ => 0,
            };
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), v);
        }
        if (dwords > 0 && r.Bool(0.8f))
            BitConverter.TryWriteBytes(bytes.AsSpan((dwords - 1) * 4), 0x05000000u); // MI_BATCH_BUFFER_END
    }
}
