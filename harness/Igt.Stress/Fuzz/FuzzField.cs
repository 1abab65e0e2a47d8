namespace Igt.Stress.Fuzz;

/// <summary>One field of a uAPI struct: where it is, how wide, and what it means.</summary>
public sealed record FuzzField(string Name, int Offset, int Size, FieldKind Kind)
{
    /// <summary>Known flag bits (<see cref="FieldKind.Flags"/>).</summary>
    public ulong Mask { get; init; }

    /// <summary>Interesting values (Int/Enum/Size), or the fixed length of a BufPtr without a count field.</summary>
    public IReadOnlyList<ulong> Values { get; init; } = [];

    /// <summary>What a Resource/ResourceOut field refers to.</summary>
    public ResourceKind Resource { get; init; }

    /// <summary>Element layout of an ArrayPtr.</summary>
    public FuzzStruct? Element { get; init; }

    /// <summary>The field holding the element count (ArrayPtr) or byte length (BufPtr, UserRange).</summary>
    public string? CountField { get; init; }

    /// <summary>What a BufPtr holds (<see cref="FuzzContent"/>).</summary>
    public ulong Content { get; init; }

    /// <summary>Largest count generated when the call is meant to be valid.</summary>
    public int MaxCount { get; init; } = 4;
}
