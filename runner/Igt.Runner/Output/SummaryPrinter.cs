using Igt.Runner.Execution;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Output;

/// <summary>
/// The one-screen summary at the end of a run: counts by status, every problem with the command that reruns it
/// (the first few dozen; failures.csv has all), why the run stopped early if it did, where the results are, and a
/// closing "N passed, N failed, N skipped" line CI log scrapers understand.
/// </summary>
public static class SummaryPrinter
{
    public const int MaxListed = 25;

    public static void Print(TextWriter w, RunResults run, RunSettings settings, ResultsLayout layout, ExecutionOutcome? outcome)
    {
        var totals = run.Totals;
        var wall = run.EndTime > run.StartTime ? ConsoleReporter.Clock(TimeSpan.FromSeconds(run.EndTime - run.StartTime)) : "?";
        w.WriteLine();
        w.WriteLine($"igt-runner: {run.Name}: {totals.Total} tests in {wall} (seed {Seed.Format(settings.Seed)}, profile {settings.Profile.Name}{Shard(settings)})");
        w.WriteLine($"  {totals}");

        var problems = run.Problems.ToList();
        if (problems.Count > 0)
        {
            var projects = JobList.ReadProjects(layout);
            var sources = JobList.ReadSources(layout);
            w.WriteLine($"Problems ({problems.Count}):");
            foreach (var t in problems.Take(MaxListed))
            {
                var iterations = t.IterationStatuses.Count > 1 ? $"  ({t.IterationStatuses.Count(s => !s.IsSuccess())} of {t.IterationStatuses.Count} runs)" : "";
                w.WriteLine($"  {t.Status.ToIgt(),-10} {t.Name}{iterations}");
                if (t.Name == Selection.IgtName.RunnerAborted || t.Status == TestStatus.NotRun)
                    continue;
                var binary = Selection.IgtName.BinaryKey(t.Name);
                w.WriteLine($"             rerun: {RerunCommand.For(t, settings, projects.GetValueOrDefault(binary), sources.GetValueOrDefault(binary))}");
            }
            if (problems.Count > MaxListed)
                w.WriteLine($"  ... and {problems.Count - MaxListed} more in {Relative(layout.FailuresCsv)}");
        }

        if (run.AbortReason is { } abort)
            w.WriteLine($"Aborted: {abort.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim()}");
        if (outcome?.Stop == StopReason.OverallTimeout)
            w.WriteLine($"Overall timeout: {totals[TestStatus.NotRun]} tests did not run; `resume {Relative(layout.Root)}` continues the run.");
        if (outcome?.Stop is StopReason.Stopped or StopReason.Interrupted)
            w.WriteLine($"Stopped early; `resume {Relative(layout.Root)}` continues the run.");
        if (totals.Total - totals[TestStatus.NotRun] == 0)
            w.WriteLine("No test was executed: this run proves nothing.");

        w.WriteLine($"Results: {Relative(layout.ResultsJson)} (results.csv, failures.csv, junit.xml beside it)");
        var failed = totals.Total - totals[TestStatus.Pass] - totals[TestStatus.Skip];
        w.WriteLine($"igt-runner: {totals[TestStatus.Pass]} passed, {failed} failed, {totals[TestStatus.Skip]} skipped");
    }

    private static string Shard(RunSettings s) => s.Shard is { } shard ? $", shard {shard}" : "";

    private static string Relative(string path)
    {
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
