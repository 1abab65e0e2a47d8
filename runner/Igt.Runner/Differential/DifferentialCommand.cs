using System.CommandLine;
using Igt.Runner.Cli;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Differential;

/// <summary>
/// <c>igt-runner differential EMULATED-DIR REAL-DIR [--expected FILE] [--output FILE]</c>: the differential report
/// of two results directories (docs/real-kernel.md). Exit 0 when every disagreement is explained, 1 otherwise.
/// </summary>
public static class DifferentialCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var emulated = new Argument<string>("emulated-dir") { Description = "Results directory of the run on the emulated machine" };
        var real = new Argument<string>("real-dir") { Description = "Results directory of the same tests on a real kernel (IGT_BACKEND=vm)" };
        var expected = new Option<string[]>("--expected")
        { Description = "Documented intentional differences, 'TEST-REGEX KIND REASON' per line (repeatable)", HelpName = "FILE" };
        var output = new Option<string>("--output") { Description = "Also write the report to FILE", HelpName = "FILE" };
        var cmd = new Command("differential", "Compare a run on the emulated machine with the same tests on a real kernel, test by test (status, errno, dmesg)");
        cmd.Arguments.Add(emulated);
        cmd.Arguments.Add(real);
        cmd.Options.Add(expected);
        cmd.Options.Add(output);
        cmd.SetAction((pr, _) => Commands.Guard(stderr, async () =>
        {
            var e = Load(pr.GetValue(emulated)!);
            var r = Load(pr.GetValue(real)!);
            var list = new ExpectedDifferences();
            foreach (var f in pr.GetValue(expected) ?? [])
            {
                if (!File.Exists(f))
                    throw new UsageException($"--expected: {f} does not exist");
                list = ExpectedDifferences.Merge(list, ExpectedDifferences.Parse(await File.ReadAllTextAsync(f), f));
            }
            var report = DifferentialReport.Compare(e.Results, r.Results, list);
            var text = report.ToText(e.Root, r.Root);
            await stdout.WriteAsync(text);
            if (pr.GetValue(output) is { } path)
                await File.WriteAllTextAsync(path, text);
            return report.Unexplained == 0 ? ExitCodes.Ok : ExitCodes.Failures;
        }));
        return cmd;
    }

    private static (string Root, RunResults Results) Load(string dir)
    {
        var layout = new ResultsLayout(dir);
        if (!layout.Exists)
            throw new UsageException($"{dir} is not a results directory (no metadata.txt)");
        return (layout.Root, ResultsBuilder.Build(layout));
    }
}
