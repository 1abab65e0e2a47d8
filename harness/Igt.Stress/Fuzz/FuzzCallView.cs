namespace Igt.Stress.Fuzz;

/// <summary>What an oracle sees of one call: the description, the bytes passed, the result, the objects known.</summary>
public sealed class FuzzCallView
{
    public required FuzzIoctl Ioctl { get; init; }

    public required FuzzOp Op { get; init; }

    public required int Ret { get; init; }

    public required FuzzResources Resources { get; init; }

    /// <summary>The argument as passed, after fixups (the op's own bytes when not known).</summary>
    public byte[]? In { get; init; }

    /// <summary>The memory blobs as written, after fixups, in the op's order.</summary>
    public byte[][]? MemIn { get; init; }

    public ulong Field(string name)
    {
        var f = Ioctl.Arg.Field(name) ?? throw new ArgumentException($"{Ioctl.Name} has no field {name}");
        return FuzzValues.Read(In ?? Op.Arg, f.Offset, f.Size);
    }

    /// <summary>The elements of an array argument as written to user memory (null when the pointer was bad).</summary>
    public IReadOnlyList<byte[]>? Array(string name)
    {
        var f = Ioctl.Arg.Field(name)!;
        var ptr = Field(name);
        var count = (int)Math.Min(Field(f.CountField!), 4096);
        var index = Op.Mem.ToList().FindIndex(m => m.Addr == ptr);
        if (count == 0)
            return [];
        var bytes = index < 0 ? null : MemIn is { } mem && index < mem.Length ? mem[index] : Op.Mem[index].Bytes;
        if (bytes is null || bytes.Length < count * f.Element!.Size)
            return null;
        return Enumerable.Range(0, count).Select(i => bytes.AsSpan(i * f.Element!.Size, f.Element.Size).ToArray()).ToList();
    }

    /// <summary>The live handle entry of the calling file.</summary>
    public FuzzResource? Handle(ulong handle) => Resources.Live(ResourceKind.GemHandle, Op.File, handle);
}
