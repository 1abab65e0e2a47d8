namespace Igt.Stress.Panfrost;

/// <summary>The model of one BO of the panfrost workload: its handles per file, CPU map, and expected contents.</summary>
public sealed class PanfrostStressBo(ulong size, int creatorFd, ulong map)
{
    public ulong Size { get; } = size;

    public int CreatorFd { get; } = creatorFd;

    /// <summary>CPU map through the creator's fd (0 once unmapped).</summary>
    public ulong Map { get; set; } = map;

    /// <summary>Handle per fd slot.</summary>
    public Dictionary<int, uint> Handles { get; } = new();

    /// <summary>What every dword must hold.</summary>
    public uint[] Expected { get; } = new uint[size / 4];

    public bool Dontneed { get; set; }

    /// <summary>Marked DONTNEED and reclaim ran while idle: contents are gone or may be, the BO is only closed now.</summary>
    public bool MaybePurged { get; set; }

    /// <summary>Ever opened in more than one file (a job may still hold the other file's mapping).</summary>
    public bool EverShared { get; set; }

    /// <summary>Spinners whose jobs list this BO.</summary>
    public int Busy { get; set; }

    public bool Dead => Handles.Count == 0 && Map == 0;

    public int Dwords => Expected.Length;
}
