namespace Igt.Stress.Fuzz;

/// <summary>
/// One value a call produced (a handle, fd, name...). <see cref="Scope"/> is the DRM file index for per-file objects
/// and the task index for fds. <see cref="ObjId"/> names the GEM object behind handles, names and dma-buf fds
/// (-1 unknown) so oracles can tell when a BO is shared.
/// </summary>
public sealed class FuzzResource
{
    public required ResourceKind Kind { get; init; }

    public required ulong Value { get; init; }

    public required int Scope { get; init; }

    /// <summary>Index of the producing op and the produced slot in it (for fixups in a replay).</summary>
    public required int Op { get; init; }

    public required int Slot { get; init; }

    public long ObjId { get; set; } = -1;

    /// <summary>Object size in bytes when known (0 = unknown).</summary>
    public ulong Size { get; set; }

    public bool Closed { get; set; }
}
