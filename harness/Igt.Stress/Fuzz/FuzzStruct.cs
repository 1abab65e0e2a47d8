namespace Igt.Stress.Fuzz;

/// <summary>A uAPI struct layout: its size and typed fields (offsets as in the LP64 header).</summary>
public sealed record FuzzStruct(string Name, int Size, IReadOnlyList<FuzzField> Fields)
{
    public FuzzField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
