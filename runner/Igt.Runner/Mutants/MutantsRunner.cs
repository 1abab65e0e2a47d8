using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Igt.Runner.Cli;
using Igt.Runner.Discovery;
using Igt.Runner.Results;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Mutants;

/// <summary>
/// The known-bug matrix: one clean run, then one run per known bug with IGT_KNOWN_BUGS set to it, each through the
/// ordinary run machinery (journals, timeouts, dmesg rules). A test catches a bug when it fails with the bug on and
/// not without it. OUT is the clean run's results directory; the bug runs go to OUT/mutants/&lt;bug&gt;/ and the
/// matrix to OUT/mutants.json, which `report OUT` shows. Exit 1 when a bug is caught by no test.
/// </summary>
public static class MutantsRunner
{
    public const string BugVariable = "IGT_KNOWN_BUGS";
    public const string RunsFolder = "mutants";

    public static async Task<int> RunAsync(MutantsRequest req, TextWriter stdout, TextWriter stderr)
    {
        var layout = new ResultsLayout(req.OutDir);
        if (!req.ListOnly)
            RunSession.CheckTarget(layout, req.Overwrite);

        var (assemblies, projectOf) = await TestSources.ResolveAsync(SourcesFor(req), req.Settings, stdout);
        var bugs = Pick(KnownBugDiscovery.FromDirectories(assemblies.Select(a => Path.GetDirectoryName(a)!)), req.Drivers, req.Bugs);
        var catalog = await TestCatalog.DiscoverAsync(assemblies, CancellationToken.None);
        var selected = TestSelector.Select(catalog.Names, req.Selection with { Sanity = null })
            .Where(n => !MutantScope.ProofTestPattern().IsMatch(n)).ToList();
        var scopes = bugs.ToDictionary(b => b, b =>
        {
            var scope = MutantScope.AssembliesFor(b, assemblies).ToHashSet(StringComparer.Ordinal);
            return (Assemblies: scope, Names: selected.Where(n => scope.Contains(catalog.SourceOfBinary[IgtName.BinaryKey(n)])).ToList());
        });

        if (req.ListOnly)
        {
            foreach (var b in bugs)
                stdout.WriteLine($"{b.Qualified,-44} {scopes[b].Names.Count,5} tests  {string.Join(", ", scopes[b].Assemblies.Select(Path.GetFileName))}  ({b.Source})");
            return ExitCodes.Ok;
        }
        var union = selected.Where(n => scopes.Values.Any(s => s.Names.Contains(n))).ToList();
        if (union.Count == 0)
            throw new RunnerException("no test is in the scope of the selected known bugs: the mutant runs would execute nothing");

        var interrupted = 0;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
        {
            ctx.Cancel = true;
            Interlocked.Exchange(ref interrupted, 1);
        });

        var clock = Stopwatch.StartNew();
        var baseSettings = req.Settings with
        {
            Sanity = null,
            AbortOnTaint = false,
            History = History.RunHistory.None,
            ExpectationsDir = null,
        };
        stdout.WriteLine($"igt-runner: mutants: {bugs.Count} known bugs, {union.Count} tests, seed {Seed.Format(baseSettings.Seed)}, jobs {baseSettings.Jobs} -> {layout.Root}");
        stdout.WriteLine($"  leaving out {MutantScope.ProofTests} tests (they switch bugs on themselves)");

        var cleanRun = await RunOneAsync(layout, baseSettings with { Name = "clean" }, union, catalog, projectOf, req, overwrite: req.Overwrite, logName: "clean");
        var clean = cleanRun.Tests.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);
        var cleanFailures = cleanRun.Tests.Where(t => MutantVerdict.IsFailure(t.Status)).Select(t => new MutantCatch(t.Name, t.Status.ToIgt())).ToList();
        stdout.WriteLine($"[ 0/{bugs.Count}] clean: {union.Count} tests, {cleanFailures.Count} fail without a bug ({clock.Elapsed.TotalSeconds:0.0}s)");

        var results = new List<MutantResult>();
        foreach (var (bug, i) in bugs.Select((b, i) => (b, i + 1)))
        {
            if (Volatile.Read(ref interrupted) != 0)
                break;
            var names = scopes[bug].Names;
            var dir = Path.Combine(RunsFolder, bug.Qualified);
            var started = clock.Elapsed;
            MutantResult result;
            try
            {
                var settings = baseSettings with
                {
                    Name = bug.Qualified,
                    Environment = [.. baseSettings.Environment.Where(e => e.Key != BugVariable), new(BugVariable, bug.Qualified)],
                };
                var run = await RunOneAsync(new ResultsLayout(Path.Combine(layout.Root, dir)), settings, names, catalog, projectOf, req, overwrite: true, logName: bug.Qualified);
                var caught = run.Tests.Where(t => MutantVerdict.Catches(clean.TryGetValue(t.Name, out var c) ? c : null, t.Status))
                    .Select(t => new MutantCatch(t.Name, t.Status.ToIgt())).ToList();
                result = new MutantResult { Bug = bug.Qualified, Driver = bug.Driver, Dir = dir, Tests = names.Count, CaughtBy = caught };
            }
            catch (Exception e) when (e is RunnerException or IOException or UnauthorizedAccessException)
            {
                result = new MutantResult { Bug = bug.Qualified, Driver = bug.Driver, Dir = dir, Tests = names.Count, Error = e.Message };
            }
            result = result with
            {
                Scope = scopes[bug].Assemblies.Select(a => Path.GetFileName(a)).Order(StringComparer.Ordinal).ToList(),
                Seconds = Math.Round((clock.Elapsed - started).TotalSeconds, 1),
            };
            results.Add(result);
            stdout.WriteLine($"[{i,2}/{bugs.Count}] {bug.Qualified}: {names.Count} tests, " +
                             (result.Error is { } err ? $"ERROR {err}" : result.Caught ? $"caught by {result.CaughtBy.Count}" : "NOT CAUGHT") +
                             $" ({result.Seconds:0.0}s)");
        }

        var file = new MutantsFile
        {
            Created = DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            Seed = Seed.Format(baseSettings.Seed),
            WallSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Excluded = [MutantScope.ProofTests],
            CleanTests = union.Count,
            CleanFailures = cleanFailures,
            Interrupted = Volatile.Read(ref interrupted) != 0,
            Bugs = results,
        };
        TextFiles.WriteAtomic(Path.Combine(layout.Root, MutantsFile.FileName), file.ToJson());
        stdout.WriteLine();
        MutantsSection.Print(stdout, file);
        stdout.WriteLine($"Matrix: {Path.Combine(layout.Root, MutantsFile.FileName)} (`report {req.OutDir}` renders it); {file.WallSeconds:0.0}s wall");

        foreach (var b in file.Uncaught)
            await stderr.WriteLineAsync(b.Error is { } e
                ? $"igt-runner: error: known bug {b.Bug} could not be checked: {e}"
                : $"igt-runner: error: known bug {b.Bug} is caught by no test ({b.Tests} tests ran with it: {string.Join(", ", b.Scope)})");
        if (file.Interrupted)
        {
            await stderr.WriteLineAsync("igt-runner: error: interrupted: the matrix covers only the bugs run so far");
            return ExitCodes.Failures;
        }
        return file.Uncaught.Any() ? ExitCodes.Failures : ExitCodes.Ok;
    }

    /// <summary>One run through the ordinary machinery; its console output goes to OUT/mutants/&lt;name&gt;.log.</summary>
    private static async Task<RunResults> RunOneAsync(ResultsLayout layout, RunSettings settings, IReadOnlyList<string> names, TestCatalog catalog,
        IReadOnlyDictionary<string, string> projectOf, MutantsRequest req, bool overwrite, string logName)
    {
        var log = new StringWriter();
        try
        {
            await RunSession.StartAsync(layout, settings, names, catalog.SourcesFor(names), projectOf, req.Cmdline, overwrite, dryRun: false,
                progress: "plain", log);
        }
        finally
        {
            var logs = Path.Combine(req.OutDir, RunsFolder);
            Directory.CreateDirectory(logs);
            await File.WriteAllTextAsync(Path.Combine(logs, logName + ".log"), log.ToString());
        }
        return ResultsBuilder.Build(layout);
    }

    /// <summary>
    /// Without --project/--assembly: tests/Core and the test project of each driver asked for (--driver, --bug's
    /// prefix), or of every emulated driver (harness/Igt.Drivers.X → tests/X).
    /// </summary>
    private static TestSources SourcesFor(MutantsRequest req)
    {
        if (req.Sources.Projects.Count > 0 || req.Sources.Assemblies.Count > 0)
            return req.Sources;
        var root = TestProjects.FindRepoRoot(Environment.CurrentDirectory)
            ?? throw new UsageException($"no {TestProjects.SolutionFile} above {Environment.CurrentDirectory}: run from the repository, or pass --project/--assembly");
        var wanted = req.Drivers.Concat(req.Bugs.Where(b => b.Contains('.', StringComparison.Ordinal)).Select(b => b[..b.IndexOf('.', StringComparison.Ordinal)]))
            .Select(d => d.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0 || req.Bugs.Any(b => !b.Contains('.', StringComparison.Ordinal)))
        {
            var harness = Path.Combine(root, "harness");
            foreach (var d in Directory.Exists(harness) ? Directory.GetDirectories(harness, "Igt.Drivers.*") : [])
                wanted.Add(Path.GetFileName(d)["Igt.Drivers.".Length..].ToLowerInvariant());
        }
        var projects = TestProjects.Default(root).Where(p => MutantScope.ProjectServes(p, wanted)).ToList();
        return req.Sources with { Projects = projects };
    }

    /// <summary>The bugs --driver and --bug ask for (a bare bug name must be unique); unknown names are usage errors.</summary>
    public static IReadOnlyList<KnownBug> Pick(IReadOnlyList<KnownBug> found, IReadOnlyList<string> drivers, IReadOnlyList<string> bugs)
    {
        if (found.Count == 0)
            throw new UsageException("no known bugs found (public static *Bugs classes with const string names in the test assemblies' harness)");
        var picked = found.AsEnumerable();
        if (drivers.Count > 0)
        {
            foreach (var d in drivers.Where(d => found.All(b => b.Driver != d)))
                throw new UsageException($"--driver: no known bugs for '{d}' (drivers with known bugs: {string.Join(", ", found.Select(b => b.Driver).Distinct())})");
            picked = picked.Where(b => drivers.Contains(b.Driver));
        }
        if (bugs.Count > 0)
        {
            var chosen = new List<KnownBug>();
            foreach (var name in bugs)
            {
                var matches = found.Where(b => b.Qualified == name || (!name.Contains('.', StringComparison.Ordinal) && b.Name == name)).ToList();
                if (matches.Count == 0)
                    throw new UsageException($"--bug: unknown known bug '{name}' (known: {string.Join(", ", found.Select(b => b.Qualified))})");
                if (matches.Count > 1)
                    throw new UsageException($"--bug: '{name}' is ambiguous: {string.Join(", ", matches.Select(b => b.Qualified))}");
                chosen.Add(matches[0]);
            }
            picked = picked.Where(chosen.Contains);
        }
        var list = picked.Distinct().ToList();
        if (list.Count == 0)
            throw new UsageException("--driver and --bug select no known bug together");
        return list;
    }
}
