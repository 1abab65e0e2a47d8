using System.Text;
using System.Text.RegularExpressions;
using Igt.Runner.Results;

namespace Igt.Runner.Differential;

/// <summary>
/// Compares two runs of the same tests, one on the emulated machine and one on a real kernel, test by test: the
/// status, the failed system calls each test saw (the "syscall-errors:" line IGT_SYSCALL_TRACE=1 makes the
/// fixture print) and the dmesg warnings. Every disagreement is listed, with its documented reason when the
/// expected-differences list has one.
/// </summary>
public sealed partial class DifferentialReport
{
    private const string SyscallErrorsPrefix = "syscall-errors:";

    public required IReadOnlyList<Disagreement> Disagreements { get; init; }

    public required int Compared { get; init; }

    public required int RealRan { get; init; }

    public int Disagreeing => Disagreements.Select(d => d.Test).Distinct().Count();

    public int Unexplained => Disagreements.Count(d => !d.Explained);

    public static DifferentialReport Compare(RunResults emulated, RunResults real, ExpectedDifferences expected)
    {
        var list = new List<Disagreement>();
        var names = emulated.Tests.Select(t => t.Name).Union(real.Tests.Select(t => t.Name)).ToList();
        foreach (var name in names)
        {
            var e = emulated.Find(name);
            var r = real.Find(name);
            if (e is null || r is null)
            {
                list.Add(Make(name, "missing", e is null ? "absent" : e.Status.ToIgt(), r is null ? "absent" : r.Status.ToIgt(), expected));
                continue;
            }
            if (e.Status != r.Status)
                list.Add(Make(name, "status", Describe(e), Describe(r), expected));
            if (!Ran(e) || !Ran(r))
                continue;
            var (ee, re) = (SyscallErrors(e.Out), SyscallErrors(r.Out));
            if (ee is not null && re is not null && !ee.SetEquals(re))
                list.Add(Make(name, "errno", string.Join(" ", ee.Except(re).Order()), string.Join(" ", re.Except(ee).Order()), expected));
            var (ed, rd) = (DmesgLines(e.DmesgWarnings), DmesgLines(r.DmesgWarnings));
            if (!ed.SetEquals(rd))
                list.Add(Make(name, "dmesg", string.Join(" | ", ed.Except(rd)), string.Join(" | ", rd.Except(ed)), expected));
        }
        return new DifferentialReport
        {
            Disagreements = list,
            Compared = names.Count,
            RealRan = real.Tests.Count(Ran),
        };
    }

    public string ToText(string emulatedDir, string realDir)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"differential: emulated {emulatedDir} vs real {realDir}");
        sb.AppendLine($"tests: {Compared} compared, {RealRan} ran on the real kernel, {Compared - Disagreeing} agree, " +
                      $"{Disagreeing} disagree ({Disagreements.Count - Unexplained} explained, {Unexplained} unexplained)");
        foreach (var d in Disagreements.OrderBy(d => d.Explained).ThenBy(d => d.Test, StringComparer.Ordinal))
        {
            sb.AppendLine($"  {(d.Explained ? "explained  " : "UNEXPLAINED")} {d.Kind,-7} {d.Test}");
            sb.AppendLine($"      emulated: {d.Emulated}");
            sb.AppendLine($"      real:     {d.Real}");
            if (d.Explanation is { } why)
                sb.AppendLine($"      why:      {why}");
        }
        return sb.ToString();
    }

    /// <summary>The distinct failed calls of the last "syscall-errors:" line (counts dropped), or null without one.</summary>
    public static HashSet<string>? SyscallErrors(string output)
    {
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith(SyscallErrorsPrefix, StringComparison.Ordinal));
        if (line is null)
            return null;
        var items = line[SyscallErrorsPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "none" && !CountWord().IsMatch(w));
        return new HashSet<string>(items, StringComparer.Ordinal);
    }

    /// <summary>Warning lines without the level and timestamp prefix, so the two kernels' lines compare.</summary>
    public static HashSet<string> DmesgLines(string warnings) =>
        new(warnings.Split('\n').Select(l => DmesgPrefix().Replace(l.Trim(), "")).Where(l => l.Length > 0), StringComparer.Ordinal);

    private static bool Ran(TestResult t) => t.Status is not (TestStatus.Skip or TestStatus.NotRun);

    /// <summary>The status, with the skip reason (the first line of err.txt) for a skip.</summary>
    private static string Describe(TestResult t)
    {
        var why = t.Status == TestStatus.Skip ? t.Err.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
        return why is null ? t.Status.ToIgt() : $"{t.Status.ToIgt()} ({why})";
    }

    private static Disagreement Make(string test, string kind, string emulated, string real, ExpectedDifferences expected) =>
        new(test, kind, emulated, real, expected.Explain(test, kind));

    [GeneratedRegex(@"^x\d+$")]
    private static partial Regex CountWord();

    [GeneratedRegex(@"^<\d>\s*\[\s*\d+\.\d+\]\s*")]
    private static partial Regex DmesgPrefix();
}
