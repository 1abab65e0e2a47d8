namespace Igt.I915;

/// <summary>The XY_SRC_COPY_BLT emitter of gem_userptr_blits / eviction_common (32 bpp, SRCCOPY, linear).</summary>
public static class IntelBlt
{
    /// <summary>Byte offsets (in the batch) of the destination and source address dwords, for relocations.</summary>
    public sealed record Relocs(int DstOffset, int SrcOffset);

    /// <summary>
    /// Appends a copy of a <paramref name="width"/> x <paramref name="height"/> 32 bpp rectangle (pitch width * 4)
    /// from <paramref name="src"/> to <paramref name="dst"/>, then MI_BATCH_BUFFER_END + MI_NOOP.
    /// </summary>
    public static Relocs XySrcCopy(List<uint> b, int gen, ulong dst, ulong src, uint width, uint height)
    {
        b.Add(IntelGpuCommands.XySrcCopyBltCmd | IntelGpuCommands.XySrcCopyBltWriteAlpha | IntelGpuCommands.XySrcCopyBltWriteRgb
            | (gen >= 8 ? 8u : 6u));
        b.Add((3u << 24) | (0xccu << 16) | (width * 4));
        b.Add(0);
        b.Add((height << 16) | width);
        var dstOffset = b.Count * 4;
        b.Add((uint)dst);
        if (gen >= 8)
            b.Add((uint)(dst >> 32));
        b.Add(0);
        b.Add(width * 4);
        var srcOffset = b.Count * 4;
        b.Add((uint)src);
        if (gen >= 8)
            b.Add((uint)(src >> 32));
        b.Add(IntelGpuCommands.MiBatchBufferEnd);
        b.Add(IntelGpuCommands.MiNoop);
        return new Relocs(dstOffset, srcOffset);
    }
}
