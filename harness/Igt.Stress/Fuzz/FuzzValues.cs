namespace Igt.Stress.Fuzz;

/// <summary>Boundary values syzkaller-style generation mixes in: the places where size and sign checks go wrong.</summary>
public static class FuzzValues
{
    public static readonly ulong[] Boundaries =
    [
        0, 1, 2, 3, 4, 7, 8, 0xff, 0x100, 0xfff, 0x1000, 0x1001, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
        0xfffffffe, 0xffffffff, 0x100000000, 0x100000001, 0x7fffffffffffffff, 0x8000000000000000, 0xfffffffffffff000,
        0xffffffffffffffff,
    ];

    /// <summary>User addresses that must make a copy fail: NULL, low, kernel half, non-canonical.</summary>
    public static readonly ulong[] BadPointers =
    [
        0, 8, 0x1000, 0xffff_8000_0000_0000, 0xffff_ffff_ffff_f000, 0x8000_0000_0000_0000, 0x0000_8000_0000_0000,
        0xdead_0000,
    ];

    public static ulong Truncate(ulong v, int size) => size >= 8 ? v : v & ((1UL << (size * 8)) - 1);

    public static void Write(byte[] dst, int offset, int size, ulong v)
    {
        for (var i = 0; i < size && offset + i < dst.Length; i++)
            dst[offset + i] = (byte)(v >> (8 * i));
    }

    public static ulong Read(ReadOnlySpan<byte> src, int offset, int size)
    {
        ulong v = 0;
        for (var i = 0; i < size && offset + i < src.Length; i++)
            v |= (ulong)src[offset + i] << (8 * i);
        return v;
    }
}
