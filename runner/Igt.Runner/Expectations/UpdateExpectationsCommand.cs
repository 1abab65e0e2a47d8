using System.CommandLine;
using Igt.Runner.Cli;
using Igt.Runner.Report;
using Igt.Runner.Results;

namespace Igt.Runner.Expectations;

/// <summary><c>igt-runner update-expectations RUN DIR [--gpu GPU]</c>: drm-ci's update-xfails rule over one run.</summary>
public static class UpdateExpectationsCommand
{
    public static readonly Option<string> Gpu = new("--gpu")
    { Description = "The emulated GPU of the expectation files (<driver>-<GPU>-*.txt); default: every GPU (update: the driver's only one, else 'none')", HelpName = "GPU" };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("results-dir") { Description = "The results directory (its --repeat iterations are the retries)" };
        var dir = new Argument<string>("expectations-dir") { Description = "The directory of <driver>-<gpu>-{fails,flakes,skips}.txt files" };
        var cmd = new Command("update-expectations", "Update drm-ci expectation files from a run: consistent failures to fails, inconsistent ones to flakes, improvements removed");
        cmd.Arguments.Add(runDir);
        cmd.Arguments.Add(dir);
        cmd.Options.Add(Gpu);
        cmd.SetAction((pr, _) => Commands.Guard(stderr, async () =>
        {
            var run = ResultsBuilder.Build(ReportCommand.Open(pr.GetValue(runDir)!));
            var changes = ExpectationUpdater.Update(run, pr.GetValue(dir)!, pr.GetValue(Gpu));
            foreach (var c in changes)
                await stdout.WriteLineAsync($"  {Path.GetFileName(c.File)}: {c.Test}: {c.What}");
            await stdout.WriteLineAsync($"igt-runner: {changes.Count} expectation changes" +
                (changes.Any(c => c.File.EndsWith("-flakes.txt", StringComparison.Ordinal)) ? "; fill in the Bug Report of the new flakes entries" : ""));
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
