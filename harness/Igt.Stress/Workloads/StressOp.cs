using System.Globalization;

namespace Igt.Stress.Workloads;

/// <summary>
/// One generated operation: the kind (a session method name) and its integer arguments. Arguments name objects
/// symbolically (BO slot 3, fd slot 1, spinner slot 0), so a sequence with operations removed still runs: an
/// operation whose slot is empty or already taken is a no-op.
/// </summary>
public sealed record StressOp(StressOpKind Kind, IReadOnlyList<long> Args)
{
    public long this[int i] => Args[i];

    /// <summary>The ops.txt form: "GpuWrite bo=3 fd=1 dword=17 value=0xc0de0011".</summary>
    public override string ToString() =>
        Kind.Name + string.Concat(Kind.ArgNames.Select((n, i) => $" {n}={Format(n, Args[i])}"));

    /// <summary>The explicit C# call a repro test makes: "s.GpuWrite(bo: 3, fd: 1, dword: 17, value: 0xc0de0011);".</summary>
    public string ToCSharp(string session) =>
        $"{session}.{Kind.Name}({string.Join(", ", Kind.ArgNames.Select((n, i) => $"{n}: {Format(n, Args[i])}"))});";

    private static string Format(string name, long v) =>
        name == "value" ? $"0x{(uint)v:x8}" : v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An operation kind: its name (the session method), argument names, and its weight in the generator.</summary>
public sealed record StressOpKind(string Name, int Weight, params string[] ArgNames);
