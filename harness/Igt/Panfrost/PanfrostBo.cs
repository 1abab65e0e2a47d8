using System.Buffers.Binary;
using Igt.Core;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Panfrost;

/// <summary>struct panfrost_bo of lib/igt_panfrost.h: a handle, its GPU VA in the creating file, and a CPU map.</summary>
public sealed class PanfrostBo(uint handle, ulong offset, ulong size)
{
    public uint Handle { get; set; } = handle;

    /// <summary>GPU VA in the address space of the fd that created it.</summary>
    public ulong Offset { get; } = offset;

    public ulong Size { get; } = size;

    /// <summary>CPU address of the mmap (0 when not mapped).</summary>
    public ulong Map { get; set; }

    public uint ReadU32(ISyscalls sys, ulong offset) => BinaryPrimitives.ReadUInt32LittleEndian(Read(sys, offset, 4));

    public ulong ReadU64(ISyscalls sys, ulong offset) => BinaryPrimitives.ReadUInt64LittleEndian(Read(sys, offset, 8));

    public void WriteU32(ISyscalls sys, ulong offset, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Write(sys, offset, b);
    }

    public void WriteU64(ISyscalls sys, ulong offset, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Write(sys, offset, b);
    }

    public byte[] Read(ISyscalls sys, ulong offset, int length)
    {
        var buf = new byte[length];
        var r = TryRead(sys, offset, buf);
        if (r != FaultResult.Ok)
            throw new IgtAssertionException($"load from BO {Handle} at +0x{offset:x} faulted: {r}");
        return buf;
    }

    /// <summary>A load through the CPU map; returns the signal it raised (SIGBUS once purged).</summary>
    public FaultResult TryRead(ISyscalls sys, ulong offset, Span<byte> buf)
    {
        if (Map == 0)
            throw new InvalidOperationException($"BO {Handle} is not mapped");
        return sys.Read(Map + offset, buf);
    }

    public void Write(ISyscalls sys, ulong offset, ReadOnlySpan<byte> data)
    {
        if (Map == 0)
            throw new InvalidOperationException($"BO {Handle} is not mapped");
        var r = sys.Write(Map + offset, data);
        if (r != FaultResult.Ok)
            throw new IgtAssertionException($"store to BO {Handle} at +0x{offset:x} faulted: {r}");
    }

    public override string ToString() => $"bo handle={Handle} va=0x{Offset:x} size={Size}";
}
