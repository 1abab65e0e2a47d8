namespace Igt.Stress.I915;

/// <summary>The model of a GEM object of the i915 workload (shmem or userptr) and what it must hold.</summary>
public sealed class I915StressBo(uint handle, ulong size, ulong userAddr)
{
    public uint Handle { get; } = handle;

    public ulong Size { get; } = size;

    /// <summary>For a userptr object: the user memory behind it (0 once unmapped or moved away).</summary>
    public ulong UserAddr { get; set; } = userAddr;

    /// <summary>The PROT_NONE placeholder over a userptr's vacated range (0 when none).</summary>
    public ulong Reserved { get; set; }

    public bool IsUserptr { get; init; }

    public uint[] Expected { get; } = new uint[size / 4];

    public bool Dontneed { get; set; }

    public bool MaybePurged { get; set; }

    public int Dwords => Expected.Length;
}
