using System.CommandLine;
using System.Diagnostics;
using Igt.Runner.Cli;
using Igt.Runner.Settings;
using Igt.Stress.Core;

namespace Igt.Runner.Repro;

/// <summary>
/// <c>repro FINDING-DIR [-o FILE.cs] [--no-shrink] [--max-tests N]</c>: loads a stress or fuzz finding (finding.json),
/// replays it from its seed (it must fail with the same title), shrinks the operations with delta debugging, prints
/// the original and shrunk lengths, and writes a standalone xunit test (default &lt;dir&gt;/Repro.cs). See docs/stress.md.
/// </summary>
public static class ReproCommand
{
    public static readonly Option<string> Output = new("--output", "-o")
    { Description = "Write the xunit test here (default: Repro.cs in the finding directory)", HelpName = "FILE.cs" };

    public static readonly Option<bool> NoShrink = new("--no-shrink")
    { Description = "Keep every operation (no delta debugging)" };

    public static readonly Option<int> MaxTests = new("--max-tests")
    { Description = "Most replays delta debugging may make", DefaultValueFactory = _ => 2000 };

    public static readonly Option<string> ClassName = new("--class")
    { Description = "Name of the generated test class (default: from the finding)", HelpName = "NAME" };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("finding-dir") { Description = "A finding directory (finding.json, ops.txt) written by a stress or fuzz run" };
        var cmd = new Command("repro", "Replay a stress/fuzz finding, shrink it to a minimal operation sequence and write it as an xunit test");
        cmd.Arguments.Add(dir);
        foreach (var o in new Option[] { Output, NoShrink, MaxTests, ClassName })
            cmd.Options.Add(o);
        cmd.SetAction((pr, _) => Commands.Guard(stderr, () => Task.FromResult(Run(pr.GetValue(dir)!, pr.GetValue(Output), pr.GetValue(NoShrink),
            pr.GetValue(MaxTests), pr.GetValue(ClassName), stdout))));
        return cmd;
    }

    /// <summary>The command's body: 0 when the test file was written; a one-line error (exit 1 or 2) otherwise.</summary>
    public static int Run(string findingDir, string? output, bool noShrink, int maxTests, string? className, TextWriter stdout)
    {
        FindingRecord finding;
        try
        {
            finding = FindingStore.Read(findingDir);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
        IReproducer reproducer;
        try
        {
            reproducer = Reproducers.For(finding.Kind);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        if (maxTests < 1)
            throw new UsageException("--max-tests must be at least 1");

        var sw = Stopwatch.StartNew();
        stdout.WriteLine($"igt-runner: replaying {finding.Kind} finding \"{finding.Title}\" ({finding.Target}, seed 0x{finding.Seed:x}, " +
            $"{finding.OpCount} ops, bugs: {(finding.KnownBugs.Count > 0 ? string.Join(",", finding.KnownBugs) : "none")})");
        string? title;
        try
        {
            title = reproducer.Replay(finding, null);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"cannot replay {findingDir}: {e.Message}");
        }
        if (title != finding.Title)
            throw new RunnerException($"replay of {findingDir} did not reproduce \"{finding.Title}\": got {(title is null ? "nothing" : $"\"{title}\"")}");

        IReadOnlyList<int> keep = Enumerable.Range(0, finding.OpCount).ToList();
        if (!noShrink)
        {
            var tests = 0;
            keep = DeltaDebugging.Minimize(keep, k =>
            {
                tests++;
                return reproducer.Replay(finding, k) == finding.Title;
            }, maxTests);
            stdout.WriteLine($"igt-runner: shrunk {finding.OpCount} -> {keep.Count} operations ({tests} replays, {sw.Elapsed.TotalSeconds:F1} s)");
        }
        else
        {
            stdout.WriteLine($"igt-runner: {finding.OpCount} operations (not shrunk)");
        }

        var name = className ?? DefaultClassName(finding);
        var path = output ?? Path.Combine(findingDir, "Repro.cs");
        File.WriteAllText(path, reproducer.WriteXunitTest(finding, keep, name));
        stdout.WriteLine($"igt-runner: wrote {path} (class {name})");
        return ExitCodes.Ok;
    }

    /// <summary>"StressReproPanfrostMixedMappingOnObject" / "FuzzReproI915A1b2c3".</summary>
    public static string DefaultClassName(FindingRecord f)
    {
        static string Pascal(string s) => string.Concat(s.Split(['-', '.', '_', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => char.ToUpperInvariant(p[0]) + p[1..])).Where(char.IsLetterOrDigit).Aggregate("", (a, c) => a + c);
        var suffix = f.KnownBugs.Count > 0 ? Pascal(f.KnownBugs[0].Split('.')[^1]) : $"{f.Seed:x}";
        return Pascal(f.Kind) + "Repro" + Pascal(f.Target) + (char.IsDigit(suffix[0]) ? "S" : "") + suffix;
    }
}
