using System.Globalization;
using System.Text;
using Igt.Stress.Core;

namespace Igt.Stress.Fuzz;

/// <summary>Writes ops as a standalone xunit test: an IgtTest with one [Subtest] that makes the calls explicitly.</summary>
public static class FuzzTestWriter
{
    public static string Write(FindingRecord finding, IReadOnlyList<FuzzOp> ops, string className)
    {
        var target = finding.Target.EndsWith(FuzzPrograms.ConcurrentSuffix, StringComparison.Ordinal)
            ? finding.Target[..^FuzzPrograms.ConcurrentSuffix.Length] : finding.Target;
        var subtest = Kebab(className);
        var sb = new StringBuilder();
        var bugs = finding.KnownBugs.Count > 0 ? string.Join(",", finding.KnownBugs) : null;
        sb.AppendLine(CultureInfo.InvariantCulture, $"// Reproducer of the fuzz finding \"{finding.Title}\" (seed 0x{finding.Seed:x}, {ops.Count} of {finding.OpCount} ops).");
        if (bugs is not null)
            sb.AppendLine(CultureInfo.InvariantCulture, $"// Found with known bugs {bugs}: fails while they are on (IGT_KNOWN_BUGS={bugs} or KnownBugHarness).");
        sb.AppendLine("using Igt.Fixtures;");
        sb.AppendLine("using Igt.Kernel;");
        sb.AppendLine("using Igt.Stress.Fuzz;");
        sb.AppendLine("using Xunit.Abstractions;");
        sb.AppendLine();
        sb.AppendLine("namespace Igt.Tests.Stress;");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"public sealed class {className}(ITestOutputHelper output) : IgtTest(output)");
        sb.AppendLine("{");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    protected override void Configure(MachineConfig config) => FuzzTarget.Get(\"{target}\").Configure(config);");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"    [Subtest(\"{subtest}\")]");
        sb.AppendLine("    public void Repro()");
        sb.AppendLine("    {");
        sb.AppendLine(CultureInfo.InvariantCulture, $"        Boot(cfg => cfg.Seed = 0x{finding.Seed:x}UL);");
        sb.AppendLine("        IgnoreDmesg(FuzzReplay.DriverNoise);");
        sb.AppendLine(CultureInfo.InvariantCulture, $"        using var s = new FuzzReplay(Machine, \"{target}\");");
        foreach (var op in ops)
            sb.AppendLine("        " + Call(op));
        sb.AppendLine("        s.AssertClean();");
        sb.AppendLine("    }");
        sb.AppendLine("}");
        return sb.ToString();
    }

    private static string Call(FuzzOp op)
    {
        var arg = Convert.ToHexString(op.Arg).ToLowerInvariant();
        var fix = op.Fixups.Count > 0 ? $", fix: \"{string.Join(",", op.Fixups)}\"" : "";
        switch (op.Kind)
        {
            case FuzzOpKind.Close:
                return $"s.Close({op.Index}, task: {op.Task}, arg: \"{arg}\"{fix});";
            case FuzzOpKind.Remap:
                return $"s.Remap({op.Index}, task: {op.Task}, arg: \"{arg}\");";
        }
        var mem = op.Mem.Count > 0
            ? ", mem: [" + string.Join(", ", op.Mem.Select(m => $"(0x{m.Addr:x}UL, \"{Convert.ToHexString(m.Bytes).ToLowerInvariant()}\")")) + "]"
            : "";
        return FormattableString.Invariant(
            $"s.Ioctl({op.Index}, task: {op.Task}, file: {op.File}, \"{op.Name}\", 0x{op.Cmd:x8}u, at: 0x{op.ArgAddr:x}UL, arg: \"{arg}\"{mem}{fix});");
    }

    private static string Kebab(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0)
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
