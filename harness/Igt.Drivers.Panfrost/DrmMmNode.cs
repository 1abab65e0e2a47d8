namespace Igt.Drivers.Panfrost;

/// <summary>struct drm_mm_node: an allocated range, in pages.</summary>
public sealed class DrmMmNode(ulong start, ulong size, ulong color)
{
    public ulong Start { get; } = start;

    public ulong Size { get; } = size;

    public ulong Color { get; } = color;

    /// <summary>Who the range belongs to (the driver's mapping).</summary>
    public object? Owner { get; set; }

    /// <summary>drm_mm_node_allocated().</summary>
    public bool Allocated { get; internal set; } = true;
}
