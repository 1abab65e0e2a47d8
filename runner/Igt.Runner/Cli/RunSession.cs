using System.Globalization;
using System.Runtime.InteropServices;
using Igt.Runner.Discovery;
using Igt.Runner.Execution;
using Igt.Runner.Expectations;
using Igt.Runner.History;
using Igt.Runner.Output;
using Igt.Runner.Results;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Cli;

/// <summary>
/// The pipeline behind `run` and `resume`: settings → job list → results directory → execution → results. Every
/// input is checked before the results directory is touched, so bad input never costs results already written.
/// </summary>
public static class RunSession
{
    public static async Task<int> RunAsync(RunRequest req, TextWriter stdout)
    {
        var layout = new ResultsLayout(req.ResultsDir);
        CheckTarget(layout, req.Overwrite);
        // Expectation files are read (and rejected when malformed) before anything is built or written.
        var expectations = LoadExpectations(req.Settings);

        var (assemblies, projectOf) = await TestSources.ResolveAsync(req.Sources, req.Settings, stdout);
        var catalog = await TestCatalog.DiscoverAsync(assemblies, CancellationToken.None);
        var names = TestSelector.Select(catalog.Names, req.Selection);
        if (expectations is not null)
        {
            // drm-ci's skips are tests that must not run at all (they hang, OOM, take too long): deqp-runner --skips.
            var skipped = names.Where(n => n != req.Selection.Sanity && expectations.IsSkipped(n)).ToHashSet(StringComparer.Ordinal);
            if (skipped.Count > 0)
            {
                stdout.WriteLine($"igt-runner: {skipped.Count} tests excluded by the skips files of {expectations.Directory}");
                names = names.Where(n => !skipped.Contains(n)).ToList();
            }
        }
        if (names.Count == 0)
            throw new RunnerException("no test matches the selection: the run would execute nothing");
        return await StartAsync(layout, req.Settings, names, catalog.SourcesFor(names), projectOf, req.Cmdline, req.Overwrite, req.DryRun,
            req.Progress, stdout, expectations);
    }

    /// <summary>
    /// The part of <c>run</c> after selection: creates the results directory for <paramref name="names"/> and runs
    /// them (the mutants command runs its clean and per-bug runs through here too).
    /// </summary>
    public static async Task<int> StartAsync(ResultsLayout layout, RunSettings settings, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, string> sourceOfBinary, IReadOnlyDictionary<string, string> projectOf, IReadOnlyList<string> cmdline,
        bool overwrite, bool dryRun, string progress, TextWriter stdout, ExpectationSet? expectations = null)
    {
        if (overwrite && Directory.Exists(layout.Root))
            Directory.Delete(layout.Root, recursive: true);
        Directory.CreateDirectory(layout.Root);
        using var runLock = RunLock.Acquire(layout);
        settings = settings with { Name = settings.Name.Length > 0 ? settings.Name : Path.GetFileName(layout.Root) };
        WriteRunFiles(layout, settings, cmdline);
        JobList.Write(layout, names, sourceOfBinary, projectOf);

        if (dryRun)
        {
            stdout.WriteLine($"igt-runner: dry run: {names.Count} tests written to {layout.JobList}; `resume {layout.Root}` executes them");
            return ExitCodes.Ok;
        }
        var sources = JobList.ReadSources(layout);
        var plan = Plan(names, sources, settings.MaxIterations, _ => false);
        int? total = settings.Duration > TimeSpan.Zero ? null : names.Count * settings.MaxIterations;
        return await ExecuteAsync(layout, settings, plan, total, progress, 1, stdout, expectations);
    }

    /// <summary>The run's expectation files (run --expectations, kept in metadata.txt for resume), or null.</summary>
    public static ExpectationSet? LoadExpectations(RunSettings settings) =>
        settings.ExpectationsDir is { } dir ? ExpectationSet.Load(dir, settings.Gpu) : null;

    /// <summary>
    /// Continues a run: the settings come from metadata.txt; the overall timeout starts over with its full budget
    /// (as igt_resume's does) unless <paramref name="overallTimeout"/> replaces it.
    /// </summary>
    public static async Task<int> ResumeAsync(string dir, bool retryIncomplete, TimeSpan grace, string progress, TimeSpan? overallTimeout,
        TextWriter stdout)
    {
        var layout = new ResultsLayout(dir);
        if (!layout.Exists)
            throw new UsageException($"{dir} is not a results directory (no metadata.txt)");
        using var runLock = RunLock.Acquire(layout);
        OrphanReaper.Reap(layout.Root, grace, m => stdout.WriteLine("igt-runner: " + m));

        var settings = ReadSettings(layout);
        var expectations = LoadExpectations(settings);
        if (overallTimeout is { } budget)
            settings = settings with { OverallTimeout = budget };
        var names = JobList.ReadNames(layout).ToList();
        if (names.Count == 0)
            throw new UsageException($"{layout.JobList} lists no tests");
        var sources = JobList.ReadSources(layout);
        foreach (var missing in sources.Values.Distinct().Where(a => !File.Exists(a)))
            throw new UsageException($"test assembly {missing} (from sources.txt) is gone; rebuild it or start a new run");

        // A --duration run resumes the iterations it had begun; a --repeat run all of its iterations.
        var iterations = settings.Duration > TimeSpan.Zero ? layout.IterationsOnDisk().Max() : settings.MaxIterations;
        var pending = Plan(names, sources, iterations, job => IsDone(layout, job, retryIncomplete)).ToList();
        stdout.WriteLine($"igt-runner: resuming {layout.Root}: {pending.Count} tests left");
        var firstHost = Directory.Exists(layout.HostLogs) ? Directory.GetFiles(layout.HostLogs).Length + 1 : 1;
        return await ExecuteAsync(layout, settings with { Duration = TimeSpan.Zero, Repeat = iterations }, pending,
            pending.Count, progress, firstHost, stdout, expectations);
    }

    /// <summary>Rebuilds results.json and friends from the folders, prints the summary.</summary>
    public static int Results(string dir, TextWriter stdout)
    {
        var layout = new ResultsLayout(dir);
        if (!layout.Exists)
            throw new UsageException($"{dir} is not a results directory (no metadata.txt)");
        var run = ResultsWriter.Generate(layout);
        var settings = ReadSettings(layout);
        SummaryPrinter.Print(stdout, run, settings, layout, null);
        var exit = ExitCodeFor(run, null);
        if (settings.ExpectationsDir is { } expected && Directory.Exists(expected))
            exit = RunExpectations.Apply(layout, run, LoadExpectations(settings)!, exit, stdout);
        return exit;
    }

    public static RunSettings ReadSettings(ResultsLayout layout) =>
        RunSettings.FromMetadata(MetadataFile.Parse(TextFiles.ReadShared(layout.Metadata)),
            TextFiles.ReadShared(layout.Environment), TextFiles.ReadShared(layout.DmesgAllow));

    public static int ExitCodeFor(RunResults run, ExecutionOutcome? outcome)
    {
        if (outcome?.Stop == StopReason.OverallTimeout)
            return ExitCodes.OverallTimeout;
        var executed = run.Tests.Count(t => t.Status != TestStatus.NotRun);
        return executed == 0 || run.Problems.Any() ? ExitCodes.Failures : ExitCodes.Ok;
    }

    private static async Task<int> ExecuteAsync(ResultsLayout layout, RunSettings settings, IEnumerable<Job> plan, int? total,
        string progress, int firstHostId, TextWriter stdout, ExpectationSet? expectations)
    {
        var live = progress switch
        {
            "live" => true,
            "plain" => false,
            _ => ConsoleReporter.DetectLive(),
        };
        PrintHeader(stdout, layout, settings, total);
        var reporter = new ConsoleReporter(stdout, live, total);
        var executor = new Executor(settings, layout, reporter) { FirstHostId = firstHostId };
        var interrupts = 0;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
        {
            ctx.Cancel = true;
            executor.RequestStop(hard: Interlocked.Increment(ref interrupts) > 1);
        });
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
        {
            ctx.Cancel = true;
            executor.RequestStop(hard: false);
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            executor.RequestStop(hard: true);
        });

        ExecutionOutcome outcome;
        try
        {
            outcome = await executor.RunAsync(plan);
        }
        finally
        {
            // Even when the runner fails, what the tests wrote becomes results (and resume can go on from there).
            TextFiles.WriteAtomic(layout.EndTime, UnixNow() + "\n");
            reporter.Finish();
            ResultsWriter.Generate(layout);
        }
        var run = ResultsBuilder.Build(layout);
        SummaryPrinter.Print(stdout, run, settings, layout, outcome);
        var exit = ExitCodeFor(run, outcome);
        if (expectations is not null)
            exit = RunExpectations.Apply(layout, run, expectations, exit, stdout);
        RunHistory.Record(layout, run, settings, stdout);
        return exit;
    }

    private static void PrintHeader(TextWriter w, ResultsLayout layout, RunSettings s, int? total)
    {
        var count = total is { } t ? $"{t} tests" : $"tests for {DurationParser.Format(s.Duration)}s";
        w.WriteLine($"igt-runner: {s.Name}: {count} -> {layout.Root}");
        var parts = new List<string>
        {
            $"seed {Seed.Format(s.Seed)}",
            $"profile {s.Profile.Name}",
            $"jobs {s.Jobs}",
            $"per-test timeout {Limit(s.PerTestTimeout)}",
            $"inactivity timeout {Limit(s.InactivityTimeout)}",
        };
        if (s.OverallTimeout > TimeSpan.Zero)
            parts.Add($"overall timeout {Limit(s.OverallTimeout)}");
        if (s.Shard is { } shard)
            parts.Add($"shard {shard}");
        if (s.Repeat > 1)
            parts.Add($"repeat {s.Repeat}");
        if (s.AbortOnTaint)
            parts.Add("abort on taint");
        w.WriteLine("  " + string.Join(", ", parts));
        w.WriteLine($"  replay this run: --seed {Seed.Format(s.Seed)}{(s.Profile != StressProfile.Ci ? " --profile " + s.Profile.Name : "")}");
    }

    private static string Limit(TimeSpan t) => t > TimeSpan.Zero ? DurationParser.Format(t) + "s" : "none";

    private static IEnumerable<Job> Plan(IReadOnlyList<string> names, IReadOnlyDictionary<string, string> sources, int iterations, Func<Job, bool> isDone)
    {
        for (var k = 1; k <= iterations; k++)
        {
            foreach (var job in JobList.ForIteration(k, names, sources))
            {
                if (!isDone(job))
                    yield return job;
            }
        }
    }

    /// <summary>Resume skips what has a verdict; a test that was running when the runner died is incomplete.</summary>
    private static bool IsDone(ResultsLayout layout, Job job, bool retryIncomplete)
    {
        var j = Journal.Read(layout.JournalOf(job.Iteration, job.Name));
        if (j.RunnerWord is { } word)
            return word != "notrun";
        if (j.Exited)
            return true;
        return j.Started && !retryIncomplete;
    }

    public static void CheckTarget(ResultsLayout layout, bool overwrite)
    {
        if (!Directory.Exists(layout.Root) || !Directory.EnumerateFileSystemEntries(layout.Root).Any())
            return;
        if (!overwrite)
            throw new UsageException($"results directory {layout.Root} already exists (--overwrite replaces it, `resume` continues it)");
        if (!layout.Exists)
            throw new UsageException($"{layout.Root} is not empty and is not a results directory; refusing to overwrite it");
        RunLock.ThrowIfHeld(layout);
    }

    private static void WriteRunFiles(ResultsLayout layout, RunSettings settings, IReadOnlyList<string> cmdline)
    {
        TextFiles.WriteAtomic(layout.Metadata, MetadataFile.Format(settings.ToMetadata()));
        TextFiles.WriteAtomic(layout.Environment, settings.EnvironmentText());
        TextFiles.WriteAtomic(layout.DmesgAllow, settings.DmesgAllowText());
        TextFiles.WriteAtomic(layout.Cmdline, string.Concat(cmdline.Select(a => a.Replace('\n', ' ') + "\n")));
        TextFiles.WriteAtomic(layout.Uname, $"{Environment.MachineName} {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}\n");
        TextFiles.WriteAtomic(layout.StartTime, UnixNow() + "\n");
    }

    private static string UnixNow() =>
        (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
