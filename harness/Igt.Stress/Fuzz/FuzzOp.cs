using System.Globalization;
using System.Text;

namespace Igt.Stress.Fuzz;

/// <summary>
/// One logged operation: which task (and lane) ran it on which DRM file, the request number, the argument bytes at
/// their user address, the user memory written first, the fixups, and what it returned when logged. Pointers in
/// the bytes are absolute: each lane's arena is mapped at a fixed address, so they replay as they are.
/// </summary>
public sealed record FuzzOp
{
    public required int Index { get; init; }

    public required FuzzOpKind Kind { get; init; }

    public required int Task { get; init; }

    public int Lane { get; init; }

    public int File { get; init; }

    public required string Name { get; init; }

    public uint Cmd { get; init; }

    public ulong ArgAddr { get; init; }

    public required byte[] Arg { get; init; }

    public IReadOnlyList<FuzzBlob> Mem { get; init; } = [];

    public IReadOnlyList<FuzzFixup> Fixups { get; init; } = [];

    /// <summary>The result when the op was logged (informational; a replay may differ for timing-dependent calls).</summary>
    public int Ret { get; init; }

    /// <summary>One line of ops.txt.</summary>
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Index} t{Task} l{Lane} f{File} {Kind.ToString().ToLowerInvariant()} {Name}");
        if (Kind == FuzzOpKind.Ioctl)
            sb.Append(CultureInfo.InvariantCulture, $" cmd=0x{Cmd:x8} at=0x{ArgAddr:x}");
        sb.Append(" arg=").Append(Convert.ToHexString(Arg).ToLowerInvariant());
        if (Mem.Count > 0)
            sb.Append(" mem=").Append(string.Join(",", Mem.Select(m => $"0x{m.Addr:x}:{Convert.ToHexString(m.Bytes).ToLowerInvariant()}")));
        if (Fixups.Count > 0)
            sb.Append(" fix=").Append(string.Join(",", Fixups));
        sb.Append(CultureInfo.InvariantCulture, $" => {Ret}");
        return sb.ToString();
    }

    public static FuzzOp Parse(string line)
    {
        // FindingStore numbers the lines ("12: 12 t0 ..."): the op's own index follows.
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && line[..colon].All(char.IsDigit))
            line = line[(colon + 2)..];
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kind = Enum.Parse<FuzzOpKind>(parts[4], ignoreCase: true);
        uint cmd = 0;
        ulong at = 0;
        byte[] arg = [];
        var mem = new List<FuzzBlob>();
        var fix = new List<FuzzFixup>();
        var ret = 0;
        for (var i = 6; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p == "=>" && i + 1 < parts.Length)
                ret = int.Parse(parts[++i], CultureInfo.InvariantCulture);
            else if (p.StartsWith("cmd=0x", StringComparison.Ordinal))
                cmd = uint.Parse(p[6..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            else if (p.StartsWith("at=0x", StringComparison.Ordinal))
                at = ulong.Parse(p[5..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            else if (p.StartsWith("arg=", StringComparison.Ordinal))
                arg = Convert.FromHexString(p[4..]);
            else if (p.StartsWith("mem=", StringComparison.Ordinal))
            {
                foreach (var m in p[4..].Split(','))
                {
                    var sep = m.IndexOf(':');
                    mem.Add(new FuzzBlob(ulong.Parse(m[2..sep], NumberStyles.HexNumber, CultureInfo.InvariantCulture), Convert.FromHexString(m[(sep + 1)..])));
                }
            }
            else if (p.StartsWith("fix=", StringComparison.Ordinal))
                fix.AddRange(p[4..].Split(',').Select(FuzzFixup.Parse));
        }
        return new FuzzOp
        {
            Index = int.Parse(parts[0], CultureInfo.InvariantCulture),
            Task = int.Parse(parts[1][1..], CultureInfo.InvariantCulture),
            Lane = int.Parse(parts[2][1..], CultureInfo.InvariantCulture),
            File = int.Parse(parts[3][1..], CultureInfo.InvariantCulture),
            Kind = kind,
            Name = parts[5],
            Cmd = cmd,
            ArgAddr = at,
            Arg = arg,
            Mem = mem,
            Fixups = fix,
            Ret = ret,
        };
    }
}
