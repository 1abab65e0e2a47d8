using System.CommandLine;
using Igt.Runner.Discovery;
using Igt.Runner.Dmesg;
using Igt.Runner.Results;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Cli;

/// <summary>The command tree: run, resume, results, list, merge (igt_runner, igt_resume, igt_results in one tool).</summary>
public static class Commands
{
    public static readonly Option<string> HistoryPath = new("--history")
    { Description = "Record the run in this history database (default: history.db in the results root, the parent of RUN)", HelpName = "FILE" };

    public static readonly Option<bool> NoHistory = new("--no-history")
    { Description = "Do not record the run in the history database" };

    public static RootCommand Build(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var resultsDir = new Argument<string>("results-dir") { Description = "The results directory" };

        var run = new Command("run", "Build the test projects, run the selected tests through the test platform and write a results directory");
        run.Arguments.Add(resultsDir);
        AddSelection(run, withSanity: true);
        AddSources(run);
        foreach (var o in new Option[]
                 {
                     Options.Name, Options.Jobs, Options.TestsPerHost, Options.Seed, Options.Profile, Options.StressIterations,
                     Options.StressObjects, Options.ThrashFactor, Options.TestDuration, Options.Repeat, Options.Duration,
                     Options.PerTestTimeout, Options.InactivityTimeout, Options.OverallTimeout, Options.AbortOn, Options.DmesgWarnLevel,
                     Options.PiglitDmesg, Options.DmesgAllow, Options.Env, Options.Overwrite, Options.DryRun, Options.Progress,
                 })
            run.Options.Add(o);
        foreach (var o in new Option[] { Report.ReportCommand.Expectations, Expectations.UpdateExpectationsCommand.Gpu, HistoryPath, NoHistory })
            run.Options.Add(o);
        run.SetAction((pr, _) => Guard(stderr, () => RunSession.RunAsync(RunRequestFrom(pr, resultsDir, args), stdout)));

        var resume = new Command("resume", "Continue a run that was stopped or killed (even with SIGKILL): finished tests are not run again");
        resume.Arguments.Add(resultsDir);
        resume.Options.Add(Options.RetryIncomplete);
        resume.Options.Add(Options.OrphanGrace);
        resume.Options.Add(Options.Progress);
        resume.Options.Add(Options.OverallTimeout);
        resume.SetAction((pr, _) => Guard(stderr, () => RunSession.ResumeAsync(pr.GetValue(resultsDir)!, pr.GetValue(Options.RetryIncomplete),
            DurationParser.Parse(pr.GetValue(Options.OrphanGrace)!, "--orphan-grace"), pr.GetValue(Options.Progress)!,
            pr.GetValue(Options.OverallTimeout) is { } t ? DurationParser.Parse(t, "--overall-timeout") : null, stdout)));

        var results = new Command("results", "Rebuild results.json, results.csv, failures.csv and junit.xml from a results directory");
        results.Arguments.Add(resultsDir);
        results.SetAction((pr, _) => Guard(stderr, () => Task.FromResult(RunSession.Results(pr.GetValue(resultsDir)!, stdout))));

        var list = new Command("list", "Print the igt names of the tests a run with these options would run");
        AddSelection(list, withSanity: false);
        AddSources(list);
        list.SetAction((pr, _) => Guard(stderr, () => ListAsync(pr, stdout)));

        var output = new Argument<string>("output-dir") { Description = "The merged results directory to create" };
        var inputs = new Argument<string[]>("shard-dirs") { Description = "Results directories of the shards", Arity = ArgumentArity.OneOrMore };
        var merge = new Command("merge", "Join the results directories of the shards of one run into one results directory");
        merge.Arguments.Add(output);
        merge.Arguments.Add(inputs);
        merge.Options.Add(Options.Overwrite);
        merge.SetAction((pr, _) => Guard(stderr, () =>
        {
            var layout = ResultsMerger.Merge(pr.GetValue(output)!, pr.GetValue(inputs)!, pr.GetValue(Options.Overwrite), m => stdout.WriteLine("igt-runner: " + m));
            return Task.FromResult(RunSession.Results(layout.Root, stdout));
        }));

        var root = new RootCommand(
            "igt-runner: runs the IGT-style suite through the .NET test platform and adds what IGT's runner adds: per-test " +
            "journals that survive crashes, timeouts, dmesg classification, abort on taint, resume, results.json/CSV/JUnit, " +
            "stress controls and sharding. See docs/runner.md.\n\n" + ExitCodes.Help);
        foreach (var c in new[] { run, resume, results, list, merge })
            root.Subcommands.Add(c);
        root.Subcommands.Add(Differential.DifferentialCommand.Build(stdout, stderr));
        root.Subcommands.Add(Report.ReportCommand.Build(stdout, stderr));
        root.Subcommands.Add(Expectations.UpdateExpectationsCommand.Build(stdout, stderr));
        foreach (var c in History.HistoryCommands.Build(stdout, stderr))
            root.Subcommands.Add(c);
        root.Subcommands.Add(Mutants.MutantsCommand.Build(stdout, stderr));
        root.Subcommands.Add(Repro.ReproCommand.Build(stdout, stderr));
        return root;
    }

    public static async Task<int> Guard(TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync("igt-runner: error: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (RunnerException e)
        {
            await stderr.WriteLineAsync("igt-runner: error: " + e.Message);
            return ExitCodes.Failures;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("igt-runner: error: " + e.Message);
            return ExitCodes.Failures;
        }
    }

    private static async Task<int> ListAsync(ParseResult pr, TextWriter stdout)
    {
        var settings = new RunSettings
        {
            Configuration = pr.GetValue(Options.Configuration)!,
            ArtifactsPath = pr.GetValue(Options.ArtifactsPath),
        };
        var (assemblies, _) = await TestSources.ResolveAsync(SourcesFrom(pr), settings, TextWriter.Null);
        var catalog = await TestCatalog.DiscoverAsync(assemblies, CancellationToken.None);
        foreach (var name in TestSelector.Select(catalog.Names, SelectionFrom(pr, sanity: null)))
            await stdout.WriteLineAsync(name);
        return ExitCodes.Ok;
    }

    private static void AddSelection(Command c, bool withSanity)
    {
        foreach (var o in new Option[] { Options.Include, Options.Exclude, Options.Blocklist, Options.TestList, Options.Test, Options.Shard, Options.ShardSeed })
            c.Options.Add(o);
        if (withSanity)
            c.Options.Add(Options.Sanity);
    }

    private static void AddSources(Command c)
    {
        foreach (var o in new Option[] { Options.Project, Options.Assembly, Options.NoBuild, Options.Configuration, Options.ArtifactsPath })
            c.Options.Add(o);
    }

    private static TestSources SourcesFrom(ParseResult pr) =>
        new(pr.GetValue(Options.Project) ?? [], pr.GetValue(Options.Assembly) ?? [], pr.GetValue(Options.NoBuild));

    private static TestSelection SelectionFrom(ParseResult pr, string? sanity)
    {
        var exclude = (pr.GetValue(Options.Exclude) ?? []).ToList();
        foreach (var file in pr.GetValue(Options.Blocklist) ?? [])
            exclude.AddRange(RegexListFile.Parse(file, "--blocklist"));
        var include = (pr.GetValue(Options.Include) ?? []).ToList();
        foreach (var p in include)
            RegexListFile.Validate(p, "--include-tests");
        foreach (var p in exclude)
            RegexListFile.Validate(p, "--exclude-tests");
        var tests = (pr.GetValue(Options.Test) ?? []).ToList();
        foreach (var t in tests.Where(t => !IgtName.IsSubtest(t) && !IgtName.IsBinary(t)))
            throw new UsageException($"--test: '{t}' is not a test name (igt@binary@subtest)");
        return new TestSelection
        {
            Include = include,
            Exclude = exclude,
            Tests = tests,
            TestList = (pr.GetValue(Options.TestList) ?? []).SelectMany(TestListFile.Parse).ToList(),
            Shard = pr.GetValue(Options.Shard) is { } shard ? ShardSpec.Parse(shard) : null,
            ShardSeed = pr.GetValue(Options.ShardSeed) is { } ss ? Seed.Parse(ss, "--shard-seed") : 0,
            Sanity = sanity,
        };
    }

    /// <summary>
    /// The run settings, selection and sources of a command line: `run`'s, and `mutants`' (which takes fewer options;
    /// one it does not take keeps run's default).
    /// </summary>
    public static RunRequest RunRequestFrom(ParseResult pr, Argument<string> resultsDir, string[] args)
    {
        T Opt<T>(Option<T> o, T fallback) => pr.CommandResult.Command.Options.Contains(o) ? pr.GetValue(o)! : fallback;
        var profile = StressProfile.Parse(Opt(Options.Profile, "ci"));
        TimeSpan Time(Option<string> o, TimeSpan fallback) => Opt(o, null!) is { } v ? DurationParser.Parse(v, o.Name) : fallback;
        int AtLeastOne(Option<int> o) => Opt(o, 1) is var v && v >= 1 ? v : throw new UsageException($"{o.Name} must be at least 1");

        var sanityText = Opt(Options.Sanity, RunSettings.DefaultSanity);
        string? sanity = sanityText == "none" ? null : sanityText;
        if (sanity is not null && !IgtName.IsSubtest(sanity))
            throw new UsageException($"--sanity: '{sanity}' is not a test name (igt@binary@subtest, or none)");

        var piglit = pr.GetValue(Options.PiglitDmesg);
        var level = pr.GetValue(Options.DmesgWarnLevel) ?? (piglit ? DmesgPolicy.DefaultPiglitWarnLevel : DmesgPolicy.DefaultWarnLevel);
        if (level is < 0 or > 7)
            throw new UsageException($"--dmesg-warn-level: {level} is not a kernel log level (0-7)");
        var allow = (pr.GetValue(Options.DmesgAllow) ?? []).SelectMany(f => RegexListFile.Parse(f, "--dmesg-allow")).ToList();

        var shard = pr.GetValue(Options.Shard) is { } s ? ShardSpec.Parse(s) : null;
        var settings = new RunSettings
        {
            Name = pr.GetValue(Options.Name) ?? "",
            Seed = pr.GetValue(Options.Seed) is { } seed ? Seed.Parse(seed, "--seed") : Seed.Random(),
            Profile = profile,
            Jobs = AtLeastOne(Options.Jobs),
            TestsPerHost = Opt(Options.TestsPerHost, 200) is var tph && tph >= 1 ? tph : throw new UsageException("--tests-per-host must be at least 1"),
            PerTestTimeout = Time(Options.PerTestTimeout, profile.PerTestTimeout),
            InactivityTimeout = Time(Options.InactivityTimeout, profile.InactivityTimeout),
            OverallTimeout = Time(Options.OverallTimeout, TimeSpan.Zero),
            Repeat = AtLeastOne(Options.Repeat),
            Duration = Time(Options.Duration, TimeSpan.Zero),
            Shard = shard,
            ShardSeed = pr.GetValue(Options.ShardSeed) is { } ss ? Seed.Parse(ss, "--shard-seed") : 0,
            AbortOnTaint = AbortOnTaint(pr),
            Dmesg = new DmesgPolicy(level, piglit, allow),
            Sanity = sanity,
            Configuration = pr.GetValue(Options.Configuration)!,
            ArtifactsPath = pr.GetValue(Options.ArtifactsPath),
            ExpectationsDir = Opt(Report.ReportCommand.Expectations, null!) is { } ex ? Path.GetFullPath(ex) : null,
            Gpu = Opt(Expectations.UpdateExpectationsCommand.Gpu, null!),
            History = Opt(NoHistory, false) ? History.RunHistory.None : Opt(HistoryPath, null!) is { } h ? Path.GetFullPath(h) : null,
            Environment = [.. StressKnobs(pr), .. EnvironmentFrom(pr.GetValue(Options.Env) ?? [])],
        };
        if (settings.Gpu is { } gpu && (gpu.Length == 0 || gpu.Any(c => char.IsWhiteSpace(c) || c == '/')))
            throw new UsageException($"--gpu: '{gpu}' is not a GPU name");
        var progress = Opt(Options.Progress, "auto");
        if (progress is not ("auto" or "live" or "plain"))
            throw new UsageException($"--progress: '{progress}' is not auto, live or plain");
        return new RunRequest(pr.GetValue(resultsDir)!, settings, SelectionFrom(pr, sanity), SourcesFrom(pr),
            pr.GetValue(Options.Overwrite), pr.GetValue(Options.DryRun), progress, args);
    }

    private static bool AbortOnTaint(ParseResult pr)
    {
        if (pr.GetResult(Options.AbortOn) is null)
            return false;
        var value = pr.GetValue(Options.AbortOn);
        return value switch
        {
            null or "all" or "taint" => true,
            "" => false,
            _ => throw new UsageException($"--abort-on-monitored-error: '{value}' is not monitored here (use taint or all; each test boots its own machine, so lockdep and ping do not apply)"),
        };
    }

    /// <summary>Forced stress sizes become environment entries, so resume and rerun commands carry them.</summary>
    private static List<KeyValuePair<string, string>> StressKnobs(ParseResult pr)
    {
        var list = new List<KeyValuePair<string, string>>();
        void Add(string name, string option, double? value, bool whole)
        {
            if (value is not { } v)
                return;
            if (v <= 0 || (whole && v != Math.Floor(v)))
                throw new UsageException($"{option} must be a positive {(whole ? "whole number" : "number")}");
            list.Add(new(name, v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        Add(RunnerEnvironment.StressIterations, "--stress-iterations", pr.GetValue(Options.StressIterations), true);
        Add(RunnerEnvironment.StressObjects, "--stress-objects", pr.GetValue(Options.StressObjects), true);
        Add(RunnerEnvironment.ThrashFactor, "--thrash-factor", pr.GetValue(Options.ThrashFactor), false);
        if (pr.GetValue(Options.TestDuration) is { } d)
            Add(RunnerEnvironment.DurationS, "--test-duration", DurationParser.Parse(d, "--test-duration").TotalSeconds, false);
        return list;
    }

    private static List<KeyValuePair<string, string>> EnvironmentFrom(IEnumerable<string> items)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var key = eq >= 0 ? item[..eq] : item;
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
                throw new UsageException($"--environment: '{item}' is not KEY=VALUE");
            var value = eq >= 0 ? item[(eq + 1)..]
                : Environment.GetEnvironmentVariable(key) ?? throw new UsageException($"--environment: {key} is not set in the runner's environment");
            list.Add(new(key, value));
        }
        return list;
    }
}
