namespace Igt.Drivers.Etnaviv.Hw;

/// <summary>
/// The front-end command encoding (cmdstream.xml.h): the opcode is bits 31:27 of the first dword and every command
/// is 64-bit aligned. Shared by the kernel's ring emission, the validator and the emulated front end.
/// </summary>
public static class EtnavivCmdstream
{
    public const uint OpLoadState = 1;
    public const uint OpEnd = 2;
    public const uint OpNop = 3;
    public const uint OpDraw2D = 4;
    public const uint OpDrawPrimitives = 5;
    public const uint OpDrawIndexedPrimitives = 6;
    public const uint OpWait = 7;
    public const uint OpLink = 8;
    public const uint OpStall = 9;
    public const uint OpCall = 10;
    public const uint OpReturn = 11;
    public const uint OpDrawInstanced = 12;
    public const uint OpChipSelect = 13;
    public const uint OpWaitFence = 15;

    /// <summary>SYNC_RECIPIENT_FE / _PE: stall and semaphore endpoints.</summary>
    public const uint SyncRecipientFe = 1;
    public const uint SyncRecipientPe = 7;

    public static uint Opcode(uint header) => header >> 27;

    /// <summary>LOAD_STATE header: COUNT bits 25:16, OFFSET (state address / 4) bits 15:0.</summary>
    public static uint LoadState(uint stateAddress, uint count) =>
        (OpLoadState << 27) | ((count & 0x3ff) << 16) | ((stateAddress >> 2) & 0xffff);

    public static uint LoadStateCount(uint header) => (header >> 16) & 0x3ff;

    /// <summary>The state address (bytes) a LOAD_STATE header starts at.</summary>
    public static uint LoadStateAddress(uint header) => (header & 0xffff) << 2;

    public static uint End(uint eventId = 0, bool eventEnable = false) =>
        (OpEnd << 27) | (eventEnable ? 0x100u | (eventId & 0x1f) : 0);

    public static uint Nop => OpNop << 27;

    public static uint Wait(uint cycles) => (OpWait << 27) | (cycles & 0xffff);

    /// <summary>LINK header; the second dword is the target address. Prefetch is in 64-bit units.</summary>
    public static uint Link(uint prefetch) => (OpLink << 27) | (prefetch & 0xffff);

    public static uint Stall => OpStall << 27;

    public static uint StallToken(uint from, uint to) => (from & 0x1f) | ((to & 0x1f) << 8);

    /// <summary>DRAW_2D: rectangle count bits 15:8 (0 means 256); two dwords per rectangle follow the header pair.</summary>
    public static int Draw2DLength(uint header)
    {
        var n = (header >> 8) & 0xff;
        if (n == 0)
            n = 256;
        return 2 + (int)n * 2;
    }

    /// <summary>Length in dwords of the fixed-size commands (cmd_length[] of the validator); 0 for variable or control ops.</summary>
    public static int FixedLength(uint op) => op switch
    {
        OpDrawPrimitives => 4,
        OpDrawIndexedPrimitives => 6,
        OpDrawInstanced => 4,
        OpNop => 2,
        OpStall => 2,
        _ => 0,
    };
}
