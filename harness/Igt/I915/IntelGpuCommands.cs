namespace Igt.I915;

/// <summary>include/intel_gpu_commands.h: the command encodings the tests emit.</summary>
public static class IntelGpuCommands
{
    public static uint MiInstr(uint opcode, uint flags) => (opcode << 23) | flags;

    public const uint MiNoop = 0;
    public static readonly uint MiArbCheck = MiInstr(0x05, 0);
    public static readonly uint MiBatchBufferEnd = MiInstr(0x0a, 0);
    public static readonly uint MiStoreDwordImm = MiInstr(0x20, 1);
    public static readonly uint MiStoreDwordImmGen4 = MiInstr(0x20, 2);
    public static readonly uint MiStoreQwordImmGen8 = MiInstr(0x20, 3) | (1u << 21);
    public static readonly uint MiBatchBufferStart = MiInstr(0x31, 0);

    /// <summary>MI_BATCH_BUFFER_START on gen8+: ppGTT address space (bit 8), 3 dwords (length 1).</summary>
    public static readonly uint MiBatchBufferStartGen8 = MiBatchBufferStart | (1u << 8) | 1;

    public const uint XySrcCopyBltCmd = (2u << 29) | (0x53u << 22);
    public const uint XySrcCopyBltWriteAlpha = 1u << 21;
    public const uint XySrcCopyBltWriteRgb = 1u << 20;
}
