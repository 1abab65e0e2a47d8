using System.Collections;
using Igt.Drivers.Etnaviv.Hw;
using Igt.Drivers.Etnaviv.Uapi;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_cmd_parser.c: the validator run on the kernel's copy of a user stream before an MMUv1 GPU executes it
/// (MMUv2 GPUs skip it). Only LOAD_STATE, DRAW_2D, the draw commands, NOP and STALL may appear; a LOAD_STATE that
/// writes an address-bearing ("sensitive") state needs a relocation at exactly that dword, so a stream can only
/// point the GPU at its own BOs; a command running past the end is rejected.
/// </summary>
public static class EtnavivCmdParser
{
    /// <summary>States addressed by the LOAD_STATE offset field (16 bits of dword index).</summary>
    public const int StatesSize = 0x10000;

    /// <summary>etnaviv_sensitive_states[]: (first state address in bytes, number of dword states).</summary>
    public static IReadOnlyList<(uint Address, uint Count)> SensitiveRanges { get; } =
    [
        // 2D
        (0x1200, 1), (0x1228, 1), (0x1238, 1), (0x1284, 1), (0x128C, 1), (0x1304, 1), (0x1310, 1), (0x1318, 1),
        (0x12800, 4), (0x128A0, 4), (0x128C0, 4), (0x12970, 4),
        (0x12A00, 8), (0x12B40, 8), (0x12B80, 8), (0x12CE0, 8),
        // 3D
        (0x0644, 1), (0x064C, 1), (0x0680, 8), (0x086C, 1), (0x1028, 1), (0x1410, 1), (0x1430, 1), (0x1458, 1),
        (0x1460, 8), (0x1480, 8), (0x1500, 8), (0x1520, 8),
        (0x1608, 1), (0x1610, 1), (0x1658, 1), (0x165C, 1), (0x1664, 1), (0x1668, 1), (0x16A4, 1),
        (0x16C0, 8), (0x16E0, 8), (0x1740, 8), (0x17C0, 8), (0x17E0, 8),
        (0x2400, 14 * 16), (0x3824, 1), (0x10800, 32 * 16), (0x14600, 16), (0x14800, 8 * 8),
    ];

    private static readonly BitArray Sensitive = BuildSensitive();

    /// <summary>True when the state at byte address <paramref name="address"/> needs a relocation.</summary>
    public static bool IsSensitive(uint address) => (address >> 2) < StatesSize && Sensitive[(int)(address >> 2)];

    /// <summary>etnaviv_cmd_validate_one(): false (after a dev_err/dev_warn naming the offence) when the stream is refused.</summary>
    public static bool ValidateOne(EtnavivGpu gpu, ReadOnlySpan<uint> stream, ReadOnlySpan<DrmEtnavivGemSubmitReloc> relocs)
    {
        var state = new ValidationState(gpu, relocs.ToArray());
        var buf = 0;
        var end = stream.Length;
        while (buf < end)
        {
            var cmd = stream[buf];
            var op = EtnavivCmdstream.Opcode(cmd);
            int len;
            switch (op)
            {
                case EtnavivCmdstream.OpLoadState:
                {
                    var n = (int)EtnavivCmdstream.LoadStateCount(cmd);
                    len = (1 + n + 1) & ~1;
                    if (buf + len > end)
                        break;
                    var off = (int)(cmd & 0xffff);
                    if (!state.ValidateLoadState(buf + 1, off, n))
                        return false;
                    break;
                }
                case EtnavivCmdstream.OpDraw2D:
                    len = EtnavivCmdstream.Draw2DLength(cmd);
                    break;
                default:
                    len = EtnavivCmdstream.FixedLength(op);
                    if (len == 0)
                    {
                        gpu.DevErr($"etnaviv_cmd_validate_one: op {op} not permitted at offset {buf}");
                        return false;
                    }
                    break;
            }
            buf += len;
        }
        if (buf > end)
        {
            gpu.DevErr($"etnaviv_cmd_validate_one: commands overflow end of buffer: {buf} > {end}");
            return false;
        }
        return true;
    }

    private static BitArray BuildSensitive()
    {
        var bits = new BitArray(StatesSize);
        foreach (var (address, count) in SensitiveRanges)
            for (var i = 0; i < count; i++)
                bits[(int)(address >> 2) + i] = true;
        return bits;
    }

    /// <summary>struct etna_validation_state: the relocations not yet matched to a sensitive state.</summary>
    private sealed class ValidationState(EtnavivGpu gpu, DrmEtnavivGemSubmitReloc[] relocs)
    {
        private int _next;

        /// <summary>etnaviv_validate_load_state(): <paramref name="ptr"/> is the dword index of the first value.</summary>
        public bool ValidateLoadState(int ptr, int stateOffset, int num)
        {
            var size = Math.Min(StatesSize, stateOffset + num);
            for (var st = stateOffset; st < size; st++)
            {
                if (!Sensitive[st])
                    continue;
                var bufOffset = (uint)(ptr + st - stateOffset) * 4;
                while (_next < relocs.Length && relocs[_next].SubmitOffset < bufOffset)
                {
                    gpu.WarnOnce("etnaviv_validate_load_state",
                        $"etnaviv_validate_load_state: relocation for non-sensitive state 0x{st * 4:x} at offset {relocs[_next].SubmitOffset}");
                    _next++;
                }
                if (_next >= relocs.Length || relocs[_next].SubmitOffset != bufOffset)
                {
                    gpu.DevWarn($"etnaviv_validate_load_state: load state touches restricted state 0x{st * 4:x} at offset {bufOffset}");
                    return false;
                }
                _next++;
            }
            return true;
        }
    }
}
