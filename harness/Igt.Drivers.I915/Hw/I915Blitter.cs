namespace Igt.Drivers.I915.Hw;

/// <summary>
/// The blitter's XY_SRC_COPY_BLT, the documented subset the emulation implements: gen8+ 10-dword form, linear
/// surfaces (no tiling bits), ROP 0xCC (SRCCOPY), 8/16/32 bpp, rows copied through the ppGTT.
/// Layout: DW0 header, DW1 BR13 (depth 25:24, ROP 23:16, dst pitch 15:0), DW2 dst y1:x1, DW3 dst y2:x2,
/// DW4-5 dst address, DW6 src y1:x1, DW7 src pitch, DW8-9 src address.
/// </summary>
public static class I915Blitter
{
    public const int XySrcCopyDwords = 10;
    private const uint SrcTiled = 1u << 15;
    private const uint DstTiled = 1u << 11;

    /// <summary>Runs one XY_SRC_COPY_BLT; false when the command is outside the subset (the engine hangs on it).</summary>
    public static bool XySrcCopy(I915GpuMemory mem, ReadOnlySpan<uint> cmd)
    {
        if (cmd.Length < XySrcCopyDwords || (cmd[0] & (SrcTiled | DstTiled)) != 0)
            return false;
        var br13 = cmd[1];
        if (((br13 >> 16) & 0xff) != 0xcc)
            return false;
        var cpp = ((br13 >> 24) & 3) switch { 0 => 1, 1 or 2 => 2, _ => 4 };
        var dstPitch = (int)(short)(br13 & 0xffff);
        var srcPitch = (int)(short)(cmd[7] & 0xffff);
        int dx1 = (int)(cmd[2] & 0xffff), dy1 = (int)(cmd[2] >> 16);
        int dx2 = (int)(cmd[3] & 0xffff), dy2 = (int)(cmd[3] >> 16);
        int sx1 = (int)(cmd[6] & 0xffff), sy1 = (int)(cmd[6] >> 16);
        var dst = cmd[4] | ((ulong)cmd[5] << 32);
        var src = cmd[8] | ((ulong)cmd[9] << 32);
        var width = dx2 - dx1;
        var height = dy2 - dy1;
        if (width <= 0 || height <= 0)
            return true; // an empty rectangle is a no-op
        var row = new byte[width * cpp];
        for (var y = 0; y < height; y++)
        {
            var s = (ulong)((long)src + (long)(sy1 + y) * srcPitch + (long)sx1 * cpp);
            var d = (ulong)((long)dst + (long)(dy1 + y) * dstPitch + (long)dx1 * cpp);
            mem.Read(s, row, "i915_blt_xy_src_copy");
            mem.Write(d, row, "i915_blt_xy_src_copy");
        }
        return true;
    }
}
