using System.CommandLine;
using System.Diagnostics;
using Igt.Runner.Cli;
using Igt.Runner.Execution;
using Igt.Runner.Output;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Report;

/// <summary>
/// <c>igt-runner report RUN [--baseline RUN] [-o FILE]</c>: writes the HTML report (default RUN/report.html) and prints
/// the totals and, with a baseline, piglit's comparison on the console. Exit 1 when the baseline comparison finds
/// regressions or, with
/// <c>--expectations</c>, when an outcome would fail a drm-ci job (deqp-runner's is_success); 0 otherwise.
/// </summary>
public static class ReportCommand
{
    public static readonly Option<string> Expectations = new("--expectations")
    { Description = "Judge the run against drm-ci expectation files in DIR (deqp-runner's ExpectedFail, KnownFlake, ...)", HelpName = "DIR" };

    public static readonly Option<string> KnownIssuesFile = new("--known-issues")
    { Description = "Split failures into known issues and possible new issues with the filters in FILE (JSON, docs/reports.md)", HelpName = "FILE" };

    public static readonly Option<string> MutantsFile = new("--mutants")
    { Description = "Show this known-bug matrix (default: RUN/mutants.json when present, written by `mutants`)", HelpName = "FILE" };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("results-dir") { Description = "The results directory to report on" };
        var baseline = new Option<string>("--baseline") { Description = "Compare with this results directory (piglit's regressions, fixes, changes, ...)", HelpName = "RUN" };
        var output = new Option<string>("--output", "-o") { Description = "Write the report here (default: RUN/report.html)", HelpName = "FILE" };
        var cmd = new Command("report", "Write a self-contained HTML report of a results directory, optionally compared with a baseline run");
        cmd.Arguments.Add(runDir);
        cmd.Options.Add(baseline);
        cmd.Options.Add(output);
        cmd.Options.Add(Expectations);
        cmd.Options.Add(KnownIssuesFile);
        cmd.Options.Add(MutantsFile);
        cmd.Options.Add(History.HistoryCommands.Db);
        cmd.Options.Add(Igt.Runner.Expectations.UpdateExpectationsCommand.Gpu);
        cmd.SetAction((pr, _) => Commands.Guard(stderr, async () =>
        {
            var layout = Open(pr.GetValue(runDir)!);
            var baseLayout = pr.GetValue(baseline) is { } b ? Open(b) : null;
            var clock = Stopwatch.StartNew();
            var run = ResultsBuilder.Build(layout);
            var cmp = baseLayout is null ? null : RunComparison.Compare(ResultsBuilder.Build(baseLayout), run);
            var gpu = pr.GetValue(Igt.Runner.Expectations.UpdateExpectationsCommand.Gpu) ?? (run.Metadata.GetValueOrDefault("gpu") is { Length: > 0 } g ? g : null);
            var outcomes = pr.GetValue(Expectations) is { } ex
                ? Igt.Runner.Expectations.ExpectationJudge.Judge(run, Igt.Runner.Expectations.ExpectationSet.Load(ex, gpu))
                : null;
            var issues = pr.GetValue(KnownIssuesFile) is { } ki ? KnownIssues.KnownIssueFile.Load(ki) : null;
            var triage = issues is null ? null : KnownIssues.IssueTriage.Of(run, issues, gpu);
            var mutantsPath = pr.GetValue(MutantsFile) ?? Path.Combine(layout.Root, Mutants.MutantsFile.FileName);
            var mutants = pr.GetValue(MutantsFile) is not null || File.Exists(mutantsPath) ? Mutants.MutantsFile.Load(mutantsPath) : null;

            var db = pr.GetValue(History.HistoryCommands.Db) ?? History.HistoryCommands.DefaultDbFor(layout.Root);
            IReadOnlyList<(string, double)> rates = [];
            HistoryStrips? strips = null;
            IReadOnlyDictionary<string, KnownIssues.IssueHistoryStats>? issueHistory = null;
            if (File.Exists(db))
            {
                using var h = new History.HistoryDb(db);
                rates = h.PassRates();
                strips = HistoryStrips.From(h, run, layout.Root);
                if (issues is not null)
                    issueHistory = KnownIssues.IssueHistory.Of(issues, KnownIssues.IssueHistory.WithHistory(h, run, layout.Root));
            }
            var extra = new List<string>();
            if (mutants is not null)
                extra.Add(Mutants.MutantsSection.Html(mutants));
            if (triage is not null)
                extra.Add(KnownIssues.IssueSection.Html(triage, issueHistory));
            if (outcomes is not null)
                extra.Add(Igt.Runner.Expectations.ExpectationsSection.Html(outcomes, pr.GetValue(Expectations)!));
            var html = HtmlReport.Render(run, new ReportInputs
            {
                Comparison = cmp, Rerun = RerunFor(layout), ExtraSections = extra, PassRateHistory = rates, History = strips,
            });
            var path = Path.GetFullPath(pr.GetValue(output) ?? Path.Combine(layout.Root, "report.html"));
            await File.WriteAllTextAsync(path, html);
            await stdout.WriteLineAsync($"igt-runner: {run.Name}: {run.Totals.Total} tests: {run.Totals}");
            cmp?.Print(stdout);
            if (mutants is not null)
                Mutants.MutantsSection.Print(stdout, mutants);
            if (triage is not null)
                KnownIssues.IssueSection.Print(stdout, triage, issueHistory);
            if (outcomes is not null)
                Igt.Runner.Expectations.ExpectationsSection.Print(stdout, outcomes);
            await stdout.WriteLineAsync($"Report: {path} ({html.Length / 1024} KiB, {clock.ElapsedMilliseconds} ms)");
            var bad = cmp is not null && cmp[ComparisonCategory.Regressions].Count > 0 || outcomes is not null && outcomes.Any(o => !o.IsSuccess);
            return bad ? ExitCodes.Failures : ExitCodes.Ok;
        }));
        return cmd;
    }

    public static ResultsLayout Open(string dir)
    {
        var layout = new ResultsLayout(dir);
        if (!layout.Exists)
            throw new UsageException($"{dir} is not a results directory (no metadata.txt)");
        return layout;
    }

    /// <summary>The same replay command the run's console summary prints.</summary>
    public static Func<TestResult, string?> RerunFor(ResultsLayout layout)
    {
        var settings = RunSession.ReadSettings(layout);
        var projects = JobList.ReadProjects(layout);
        var sources = JobList.ReadSources(layout);
        return t =>
        {
            if (t.Name == Selection.IgtName.RunnerAborted)
                return null;
            var binary = Selection.IgtName.BinaryKey(t.Name);
            return RerunCommand.For(t, settings, projects.GetValueOrDefault(binary), sources.GetValueOrDefault(binary));
        };
    }
}
