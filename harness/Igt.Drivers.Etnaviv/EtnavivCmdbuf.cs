using System.Runtime.CompilerServices;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_cmdbuf: a kernel-owned command buffer carved from the suballocator. The kernel writes it with
/// <see cref="Out"/> (OUT() in etnaviv_buffer.h); every dword store is a single aligned 32-bit write, so the front
/// end, which fetches concurrently, never sees half a command header.
/// </summary>
public sealed class EtnavivCmdbuf
{
    internal EtnavivCmdbuf(EtnavivCmdbufSuballoc suballoc, int offset, int size, int order)
    {
        Suballoc = suballoc;
        Offset = offset;
        Size = size;
        Order = order;
    }

    public EtnavivCmdbufSuballoc Suballoc { get; }

    /// <summary>Byte offset inside the suballocator.</summary>
    public int Offset { get; }

    public int Size { get; }

    internal int Order { get; }

    /// <summary>The write cursor in bytes (user_size).</summary>
    public int UserSize { get; set; }

    /// <summary>etnaviv_cmdbuf_get_va(): the GPU address for the given MMU generation.</summary>
    public uint Va(EtnavivIommuVersion version) =>
        (version == EtnavivIommuVersion.V1 ? EtnavivCmdbufSuballoc.BusAddress : EtnavivCmdbufSuballoc.V2Va) + (uint)Offset;

    /// <summary>OUT(): appends a dword at the cursor.</summary>
    public void Out(uint value)
    {
        Write(UserSize, value);
        UserSize += 4;
    }

    /// <summary>Aligns the cursor to 64 bits, as every CMD_* helper does first.</summary>
    public void Align8() => UserSize = (UserSize + 7) & ~7;

    /// <summary>Stores a dword at byte <paramref name="at"/> of this buffer (an atomic 32-bit store).</summary>
    public void Write(int at, uint value)
    {
        var page = Suballoc.PageAt(Offset + at, out var inPage);
        var data = Suballoc.Allocator.Access(page, "etnaviv_buffer_write", "kernel", inPage, 4, write: true);
        Volatile.Write(ref Unsafe.As<byte, uint>(ref data[inPage]), value);
    }

    /// <summary>Copies a validated, relocated stream into the buffer (the memcpy of the submit path).</summary>
    public void CopyIn(ReadOnlySpan<uint> dwords)
    {
        for (var i = 0; i < dwords.Length; i++)
            Write(i * 4, dwords[i]);
        UserSize = dwords.Length * 4;
    }
}
