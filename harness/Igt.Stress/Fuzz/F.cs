namespace Igt.Stress.Fuzz;

/// <summary>Short constructors for field descriptions, so a table reads like the uAPI header it mirrors.</summary>
public static class F
{
    public static FuzzField U32(string name, int off, params ulong[] values) => new(name, off, 4, FieldKind.Int) { Values = values };

    public static FuzzField U64(string name, int off, params ulong[] values) => new(name, off, 8, FieldKind.Int) { Values = values };

    public static FuzzField Int(string name, int off, int size, params ulong[] values) => new(name, off, size, FieldKind.Int) { Values = values };

    public static FuzzField Flags(string name, int off, int size, ulong mask) => new(name, off, size, FieldKind.Flags) { Mask = mask };

    public static FuzzField Enum(string name, int off, int size, params ulong[] values) => new(name, off, size, FieldKind.Enum) { Values = values };

    public static FuzzField Pad(string name, int off, int size = 4) => new(name, off, size, FieldKind.Pad);

    public static FuzzField Out(string name, int off, int size = 4) => new(name, off, size, FieldKind.Out);

    public static FuzzField Size(string name, int off, int size, params ulong[] values) => new(name, off, size, FieldKind.Size) { Values = values };

    public static FuzzField Handle(string name, int off) => Res(name, off, 4, ResourceKind.GemHandle);

    public static FuzzField Syncobj(string name, int off) => Res(name, off, 4, ResourceKind.Syncobj);

    public static FuzzField Fd(string name, int off) => Res(name, off, 4, ResourceKind.Fd);

    public static FuzzField Res(string name, int off, int size, ResourceKind kind) => new(name, off, size, FieldKind.Resource) { Resource = kind };

    public static FuzzField ResOut(string name, int off, int size, ResourceKind kind) => new(name, off, size, FieldKind.ResourceOut) { Resource = kind };

    public static FuzzField Array(string name, int off, FuzzStruct element, string countField, int maxCount = 4) =>
        new(name, off, 8, FieldKind.ArrayPtr) { Element = element, CountField = countField, MaxCount = maxCount };

    public static FuzzField Count(string name, int off, int size = 4) => new(name, off, size, FieldKind.Count);

    /// <summary>A byte buffer whose length is in <paramref name="lenField"/>.</summary>
    public static FuzzField Buf(string name, int off, string lenField, int maxLen = 256) =>
        new(name, off, 8, FieldKind.BufPtr) { CountField = lenField, MaxCount = maxLen };

    /// <summary>A byte buffer of a length the struct does not carry (perfcnt dump, getparam value).</summary>
    public static FuzzField BufFixed(string name, int off, int len) => new(name, off, 8, FieldKind.BufPtr) { Values = [(ulong)len], MaxCount = len };

    public static FuzzField AbsNs(string name, int off) => new(name, off, 8, FieldKind.AbsTimeoutNs);

    public static FuzzField RelNs(string name, int off) => new(name, off, 8, FieldKind.RelTimeoutNs);

    public static FuzzField Timespec(string name, int off) => new(name, off, 16, FieldKind.AbsTimespec);

    public static FuzzField UserRange(string name, int off, string sizeField) => new(name, off, 8, FieldKind.UserRange) { CountField = sizeField };

    public static FuzzStruct S(string name, int size, params FuzzField[] fields) => new(name, size, fields);

    /// <summary>u32[] of GEM handles or syncobjs, the element of many array pointers.</summary>
    public static FuzzStruct HandleArray(ResourceKind kind) => S("u32", 4, Res("handle", 0, 4, kind));
}
