namespace Igt.Stress.Etnaviv;

/// <summary>The model of one etnaviv BO: handle, CPU map, expected contents, and which pages are populated.</summary>
public sealed class EtnavivStressBo(uint handle, ulong size, ulong map)
{
    public uint Handle { get; } = handle;

    public ulong Size { get; } = size;

    public ulong Map { get; } = map;

    public uint[] Expected { get; } = new uint[size / 4];

    /// <summary>Pages the CPU touched; null once the GPU mapped the BO (every page pinned then).</summary>
    public HashSet<int>? Resident { get; set; } = new();

    public int Dwords => Expected.Length;
}
