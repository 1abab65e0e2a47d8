namespace Igt.Stress.Fuzz;

/// <summary>What an oracle sees of one call: the description, the bytes passed, the result, the objects known.</summary>
public sealed class FuzzCallView
{
    public required FuzzIoctl Ioctl { get; init; }

    public required FuzzOp Op { get; init; }

    public required int Ret { get; init; }

    public required FuzzResources Resources { get; init; }

    public ulong Field(string name)
    {
        var f = Ioctl.Arg.Field(name) ?? throw new ArgumentException($"{Ioctl.Name} has no field {name}");
        return FuzzValues.Read(Op.Arg, f.Offset, f.Size);
    }

    /// <summary>The elements of an array argument as written to user memory (null when the pointer was bad).</summary>
    public IReadOnlyList<byte[]>? Array(string name)
    {
        var f = Ioctl.Arg.Field(name)!;
        var ptr = Field(name);
        var count = (int)Math.Min(Field(f.CountField!), 4096);
        var blob = Op.Mem.FirstOrDefault(m => m.Addr == ptr);
        if (count == 0)
            return [];
        if (blob is null || blob.Bytes.Length < count * f.Element!.Size)
            return null;
        return Enumerable.Range(0, count).Select(i => blob.Bytes.AsSpan(i * f.Element!.Size, f.Element.Size).ToArray()).ToList();
    }

    /// <summary>The live handle entry of the calling file.</summary>
    public FuzzResource? Handle(ulong handle) => Resources.Live(ResourceKind.GemHandle, Op.File, handle);
}
