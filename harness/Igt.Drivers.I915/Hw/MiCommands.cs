namespace Igt.Drivers.I915.Hw;

/// <summary>
/// Command header decoding for the emulated command streamers (intel_gpu_commands.h). Bits 31:29 are the
/// client (0 MI, 2 2D blitter, 3 3D); MI opcodes sit in 28:23 with a dword length (total - 2) in the low bits.
/// </summary>
public static class MiCommands
{
    public const uint ClientMi = 0;
    public const uint Client2D = 2;

    public const uint OpNoop = 0x00;
    public const uint OpArbCheck = 0x05;
    public const uint OpBatchBufferEnd = 0x0a;
    public const uint OpStoreDwordImm = 0x20;
    public const uint OpBatchBufferStart = 0x31;

    /// <summary>MI_STORE_DWORD_IMM bit 22: the address is in the global GTT (privileged).</summary>
    public const uint StoreUseGgtt = 1u << 22;

    /// <summary>MI_STORE_QWORD_IMM_GEN8: store two dwords.</summary>
    public const uint StoreQword = 1u << 21;

    /// <summary>MI_BATCH_BUFFER_START bit 8 on gen8+: the address is in the ppGTT.</summary>
    public const uint BbsPpgtt = 1u << 8;

    /// <summary>2D opcode XY_SRC_COPY_BLT (bits 28:22 of a client-2 header).</summary>
    public const uint Op2DXySrcCopy = 0x53;

    public static uint Client(uint header) => header >> 29;

    public static uint MiOpcode(uint header) => (header >> 23) & 0x3f;

    public static uint MiLength(uint header) => header & 0x3f;

    public static uint Opcode2D(uint header) => (header >> 22) & 0x7f;

    public static uint Length2D(uint header) => header & 0xff;
}
