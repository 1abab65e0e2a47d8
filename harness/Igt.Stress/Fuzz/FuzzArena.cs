namespace Igt.Stress.Fuzz;

/// <summary>
/// Fixed user addresses of a lane's memory, the same in every run and in forked children, so logged pointers replay
/// as they are. [Base, +1 MiB) scratch for arguments and arrays, [+1 MiB, +2 MiB) page-aligned data (userptr,
/// pread/pwrite buffers), then an unmapped guard, and one read-only page at +4 MiB.
/// </summary>
public static class FuzzArena
{
    public const ulong PageSize = 4096;
    public const ulong ScratchSize = 1 << 20;
    public const ulong DataSize = 1 << 20;
    public const ulong MappedSize = ScratchSize + DataSize;
    public const ulong ReadOnlyOffset = 4 << 20;
    private const ulong FirstBase = 0x2000_0000_0000UL;
    private const ulong Stride = 16 << 20;

    public static ulong Base(int lane) => FirstBase + (ulong)lane * Stride;

    public static ulong Data(int lane) => Base(lane) + ScratchSize;

    /// <summary>First byte past the mapping: nothing is mapped there.</summary>
    public static ulong End(int lane) => Base(lane) + MappedSize;

    public static ulong ReadOnly(int lane) => Base(lane) + ReadOnlyOffset;
}
