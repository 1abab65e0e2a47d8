using System.Runtime.InteropServices;
using Igt.Core;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.I915;

/// <summary>Loads and stores of the test process's memory, asserting they do not fault (plain C pointer access).</summary>
public static class UserMem
{
    public static uint ReadU32(ISyscalls sys, ulong addr)
    {
        Span<byte> b = stackalloc byte[4];
        Check(sys.Read(addr, b), addr);
        return BitConverter.ToUInt32(b);
    }

    public static void WriteU32(ISyscalls sys, ulong addr, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BitConverter.TryWriteBytes(b, value);
        Check(sys.Write(addr, b), addr);
    }

    public static uint[] ReadU32s(ISyscalls sys, ulong addr, int count)
    {
        var r = new uint[count];
        Check(sys.Read(addr, MemoryMarshal.AsBytes(r.AsSpan())), addr);
        return r;
    }

    public static void WriteU32s(ISyscalls sys, ulong addr, ReadOnlySpan<uint> values) =>
        Check(sys.Write(addr, MemoryMarshal.AsBytes(values)), addr);

    public static byte[] ReadBytes(ISyscalls sys, ulong addr, int count)
    {
        var r = new byte[count];
        Check(sys.Read(addr, r), addr);
        return r;
    }

    /// <summary>memset.</summary>
    public static void Fill(ISyscalls sys, ulong addr, ulong size, byte value)
    {
        var chunk = new byte[Math.Min(size, 1UL << 16)];
        Array.Fill(chunk, value);
        for (ulong done = 0; done < size;)
        {
            var n = (int)Math.Min((ulong)chunk.Length, size - done);
            Check(sys.Write(addr + done, chunk.AsSpan(0, n)), addr + done);
            done += (ulong)n;
        }
    }

    /// <summary>An anonymous mapping (mmap(NULL, size, RW, flags | MAP_ANONYMOUS)).</summary>
    public static ulong MapAnon(ISyscalls sys, ulong size, MapFlags flags = MapFlags.Private)
    {
        var a = sys.Mmap(0, size, Prot.ReadWrite, flags | MapFlags.Anonymous);
        IgtCore.Assert(a > 0, $"anonymous mmap of {size} bytes: {a}");
        return (ulong)a;
    }

    private static void Check(FaultResult r, ulong addr)
    {
        if (r != FaultResult.Ok)
            throw new IgtAssertionException($"access at 0x{addr:x} faulted: {r}");
    }
}
