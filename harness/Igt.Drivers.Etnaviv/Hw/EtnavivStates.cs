namespace Igt.Drivers.Etnaviv.Hw;

/// <summary>State addresses (state.xml.h, state_3d.xml.h, state_hi.xml.h) the emulated GPU and the kernel use.</summary>
public static class EtnavivStates
{
    public const uint GlPipeSelect = 0x03800;
    public const uint GlEvent = 0x03804;
    public const uint GlEventFromFe = 0x20;
    public const uint GlEventFromPe = 0x40;
    public const uint GlSemaphoreToken = 0x03808;
    public const uint GlFlushCache = 0x0380C;
    public const uint GlFlushCacheDepth = 0x1;
    public const uint GlFlushCacheColor = 0x2;
    public const uint GlFlushCachePe2D = 0x8;
    public const uint GlFlushMmu = 0x03810;

    /// <summary>VIVS_MMUv2_CONFIGURATION: MODE bits 1:0, FLUSH bit 4, master TLB address in bits 31:10.</summary>
    public const uint MmuV2Configuration = 0x00184;
    public const uint MmuV2ConfigurationFlush = 0x10;
    public const uint MmuV2ConfigurationAddressMask = 0xfffffc00;

    public const uint TsFlushCache = 0x01650;

    // Resolve engine (RS): the memory engine of the emulated 3D pipe.
    public const uint RsKicker = 0x01600;
    public const uint RsKick = 0xbeebbeeb;
    public const uint RsConfig = 0x01604;
    public const uint RsSourceAddr = 0x01608;
    public const uint RsSourceStride = 0x0160C;
    public const uint RsDestAddr = 0x01610;
    public const uint RsDestStride = 0x01614;
    public const uint RsWindowSize = 0x01620;
    public const uint RsClearControl = 0x0163C;
    public const uint RsClearControlModeMask = 0x00030000;
    public const uint RsClearControlModeEnabled1 = 0x00010000;
    public const uint RsFillValue0 = 0x01640;
    public const uint RsConfigSourceTiled = 0x80;
    public const uint RsConfigDestTiled = 0x4000;
    public const uint RsConfigSwapRb = 0x20000000;
    public const uint RsStrideMask = 0x0003ffff;
    public const uint RsFormatX8R8G8B8 = 0x05;
    public const uint RsFormatA8R8G8B8 = 0x06;

    public static uint RsConfigValue(uint sourceFormat, uint destFormat) => (sourceFormat & 0x1f) | ((destFormat & 0x1f) << 8);

    public static uint RsWindow(uint width, uint height) => (width & 0xffff) | ((height & 0xffff) << 16);
}
