using Igt.Core;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// The exporting side of a prime test: a driver that creates a BO, fills it through its own path (pwrite, its own
/// CPU mapping) and maps it through its own DRM node, so a dma-buf mapping can be compared against it.
/// </summary>
public abstract class PrimeExporter(ISyscalls sys)
{
    /// <summary>prime_mmap's fill pattern: a 16-byte diagonal, repeated over the buffer.</summary>
    public static readonly byte[] Pattern =
    [
        0xff, 0x00, 0x00, 0x00,
        0x00, 0xff, 0x00, 0x00,
        0x00, 0x00, 0xff, 0x00,
        0x00, 0x00, 0x00, 0xff,
    ];

    protected ISyscalls Sys { get; } = sys;

    /// <summary>The driver's name, also the subtest suffix.</summary>
    public abstract string Name { get; }

    /// <summary>The exporter's DRM fd (opened on first use; skips when the device is absent).</summary>
    public abstract int Fd { get; }

    /// <summary>gem_create (or the driver's equivalent) of at least <paramref name="size"/> bytes.</summary>
    public abstract uint Create(ulong size);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> through the driver's own path.</summary>
    public abstract void Write(uint handle, ulong offset, ReadOnlySpan<byte> data);

    /// <summary>A CPU mapping through the driver's DRM node (gem_mmap__gtt for i915): the address or -errno.</summary>
    public abstract long TryMapGem(uint handle, ulong size, Prot prot);

    /// <summary>fill_bo: the pattern over the first <paramref name="size"/> bytes.</summary>
    public void Fill(uint handle, ulong size)
    {
        var data = new byte[size];
        for (var i = 0; i < data.Length; i += Pattern.Length)
            Pattern.CopyTo(data, i);
        Write(handle, 0, data);
    }

    public uint CreateFilled(ulong size)
    {
        var h = Create(size);
        Fill(h, size);
        return h;
    }

    public void Close(uint handle) => Gem.Close(Sys, Fd, handle);

    /// <summary>A copy of <paramref name="size"/> bytes of user memory at <paramref name="addr"/>.</summary>
    public static byte[] ReadMapping(ISyscalls sys, ulong addr, ulong size)
    {
        var buf = new byte[size];
        var r = sys.Read(addr, buf);
        IgtCore.Assert(r == FaultResult.Ok, $"load from mapping 0x{addr:x}+{size} faulted: {r}");
        return buf;
    }

    /// <summary>The first offset where the mapping differs from the repeated pattern, or -1.</summary>
    public static long FirstPatternMismatch(ISyscalls sys, ulong addr, ulong size)
    {
        var got = ReadMapping(sys, addr, size);
        for (var i = 0; i < got.Length; i++)
        {
            if (got[i] != Pattern[i % Pattern.Length])
                return i;
        }
        return -1;
    }

    protected static ulong PageAlign(ulong size) => (size + 4095) & ~4095UL;

    protected static void Ok(int r, string what) => IgtCore.Assert(r == 0, $"{what}: {Errno.Name(r)}");
}
