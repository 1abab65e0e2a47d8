namespace Igt.Drivers.Etnaviv.Hw;

/// <summary>
/// The resolve engine (RS) of the 3D pipe, the one memory engine the emulated GPU has. Writing 0xbeebbeeb to
/// RS_KICKER runs one operation from the RS states. The emulated subset, enough to store a dword and copy a buffer:
/// <list type="bullet">
/// <item>linear surfaces only: the TILED and MULTI bits, downsampling and flipping are ignored;</item>
/// <item>32-bit formats (X8R8G8B8, A8R8G8B8) move 4 bytes per pixel, every other format 2; source and destination
/// format must have the same size or nothing is written; SWAP_RB swaps bytes 0 and 2 of each 32-bit pixel;</item>
/// <item>RS_WINDOW_SIZE gives width and height in pixels, with no alignment rule;</item>
/// <item>RS_CLEAR_CONTROL with a mode other than DISABLED fills the window with RS_FILL_VALUE(0) (a 32-bit pixel),
/// ignoring the source and the per-byte mask;</item>
/// <item>otherwise rows of width pixels are copied from RS_SOURCE_ADDR (stride RS_SOURCE_STRIDE) to RS_DEST_ADDR
/// (stride RS_DEST_STRIDE), top to bottom.</item>
/// </list>
/// Addresses are GPU addresses, translated like every GPU access; a fault stops the operation.
/// </summary>
public sealed class EtnavivResolveEngine(EtnavivGpuBus bus)
{
    /// <summary>Runs one resolve; returns the bytes written (for the time model) and the first fault.</summary>
    public EtnavivBusFault Kick(EtnavivIommuContext? ctx, Func<uint, uint> state, out long bytes)
    {
        bytes = 0;
        var config = state(EtnavivStates.RsConfig);
        var srcBpp = BytesPerPixel(config & 0x1f);
        var dstBpp = BytesPerPixel((config >> 8) & 0x1f);
        var window = state(EtnavivStates.RsWindowSize);
        var width = (int)(window & 0xffff);
        var height = (int)(window >> 16);
        var dst = state(EtnavivStates.RsDestAddr);
        var dstStride = state(EtnavivStates.RsDestStride) & EtnavivStates.RsStrideMask;
        if (width == 0 || height == 0)
            return EtnavivBusFault.None;
        var fill = (state(EtnavivStates.RsClearControl) & EtnavivStates.RsClearControlModeMask) != 0;
        var row = new byte[width * dstBpp];
        if (fill)
        {
            var value = state(EtnavivStates.RsFillValue0);
            for (var x = 0; x + 4 <= row.Length; x += 4)
                BitConverter.TryWriteBytes(row.AsSpan(x), value);
        }
        else if (srcBpp != dstBpp)
        {
            return EtnavivBusFault.None;
        }
        var src = state(EtnavivStates.RsSourceAddr);
        var srcStride = state(EtnavivStates.RsSourceStride) & EtnavivStates.RsStrideMask;
        var swap = (config & EtnavivStates.RsConfigSwapRb) != 0 && dstBpp == 4;
        for (var y = 0; y < height; y++)
        {
            if (!fill)
            {
                var f = bus.Access(ctx, src + (uint)(y * srcStride), row, write: false, "etnaviv_rs_read");
                if (f.IsFault)
                    return f;
                if (swap)
                    for (var x = 0; x + 4 <= row.Length; x += 4)
                        (row[x], row[x + 2]) = (row[x + 2], row[x]);
            }
            var w = bus.Access(ctx, dst + (uint)(y * dstStride), row, write: true, "etnaviv_rs_write");
            if (w.IsFault)
                return w;
            bytes += row.Length;
        }
        return EtnavivBusFault.None;
    }

    private static int BytesPerPixel(uint format) =>
        format is EtnavivStates.RsFormatX8R8G8B8 or EtnavivStates.RsFormatA8R8G8B8 ? 4 : 2;
}
