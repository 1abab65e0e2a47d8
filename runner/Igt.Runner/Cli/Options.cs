using System.CommandLine;

namespace Igt.Runner.Cli;

/// <summary>Every command-line option, declared once and shared by the commands that take it.</summary>
public static class Options
{
    // Selection (igt_runner's names where it has them).
    public static readonly Option<string[]> Include = new("--include-tests", "-t")
    { Description = "Run only tests whose igt name matches REGEX (case-insensitive; repeatable)", HelpName = "REGEX" };

    public static readonly Option<string[]> Exclude = new("--exclude-tests", "-x")
    { Description = "Skip tests whose igt name matches REGEX (repeatable)", HelpName = "REGEX" };

    public static readonly Option<string[]> Blocklist = new("--blocklist", "-b")
    { Description = "Skip tests matching any regex in FILE (one per line, # comments; repeatable)", HelpName = "FILE" };

    public static readonly Option<string[]> TestList = new("--test-list")
    { Description = "Run the tests named in FILE, in its order (igt@bin@sub or igt@bin per line, # comments)", HelpName = "FILE" };

    public static readonly Option<string[]> Test = new("--test")
    { Description = "Run this test (exact igt name; repeatable)", HelpName = "NAME" };

    public static readonly Option<string> Sanity = new("--sanity")
    {
        Description = "The sanity test every run and shard starts with; the run aborts if it does not pass ('none' to drop it)",
        HelpName = "NAME",
        DefaultValueFactory = _ => Settings.RunSettings.DefaultSanity,
    };

    public static readonly Option<string> Shard = new("--shard")
    { Description = "Run slice K of N (seeded shuffle, every N-th test from K; for CI matrices)", HelpName = "K/N" };

    public static readonly Option<string> ShardSeed = new("--shard-seed")
    { Description = "Seed of the shard shuffle; every shard of a run must use the same (default 0)", HelpName = "SEED" };

    // Where the tests come from.
    public static readonly Option<string[]> Project = new("--project")
    { Description = "Test project to build and run (repeatable; default: every project under tests/ except tests/Meta)", HelpName = "PATH" };

    public static readonly Option<string[]> Assembly = new("--assembly")
    { Description = "Already built test assembly to run, without building (repeatable)", HelpName = "DLL" };

    public static readonly Option<bool> NoBuild = new("--no-build")
    { Description = "Do not build the test projects; use their last build" };

    public static readonly Option<string> Configuration = new("--configuration", "-c")
    { Description = "Build configuration of the test projects", DefaultValueFactory = _ => "Release", HelpName = "CONFIG" };

    public static readonly Option<string> ArtifactsPath = new("--artifacts-path")
    { Description = "Build the tests into DIR (dotnet's --artifacts-path), away from other builds", HelpName = "DIR" };

    // Execution.
    public static readonly Option<string> Name = new("--name", "-n")
    { Description = "Name of the run (default: the results directory's name)" };

    public static readonly Option<int> Jobs = new("--jobs", "-j")
    { Description = "Test hosts running at once", DefaultValueFactory = _ => 1, HelpName = "N" };

    public static readonly Option<int> TestsPerHost = new("--tests-per-host")
    { Description = "Most subtests one test host runs before a fresh one starts", DefaultValueFactory = _ => 200, HelpName = "N" };

    public static readonly Option<string> Seed = new("--seed")
    { Description = "Run seed (decimal or 0x hex; default random, always printed). Tests get it as IGT_SEED", HelpName = "SEED" };

    public static readonly Option<string> Profile = new("--profile")
    { Description = "Stress size: ci (fast) or nightly (long)", DefaultValueFactory = _ => "ci", HelpName = "ci|nightly" };

    public static readonly Option<int?> StressIterations = new("--stress-iterations")
    { Description = "Force IGT_STRESS_ITERATIONS on every test (default: each test's own size for the profile)", HelpName = "N" };

    public static readonly Option<int?> StressObjects = new("--stress-objects")
    { Description = "Force IGT_STRESS_OBJECTS on every test", HelpName = "N" };

    public static readonly Option<double?> ThrashFactor = new("--thrash-factor")
    { Description = "Force IGT_THRASH_FACTOR (memory thrash as a multiple of RAM) on every test", HelpName = "X" };

    public static readonly Option<string> TestDuration = new("--test-duration")
    { Description = "Force IGT_DURATION_S, the time a duration-bound stress test runs", HelpName = "TIME" };

    public static readonly Option<int> Repeat = new("--repeat")
    { Description = "Run the job list N times (each iteration with its own derived seed)", DefaultValueFactory = _ => 1, HelpName = "N" };

    public static readonly Option<string> Duration = new("--duration")
    { Description = "Loop over the job list until this much time has passed (e.g. 8h)", HelpName = "TIME" };

    public static readonly Option<string> PerTestTimeout = new("--per-test-timeout")
    { Description = "Kill a subtest running longer than TIME, recorded as timeout (0: none; default from the profile)", HelpName = "TIME" };

    public static readonly Option<string> InactivityTimeout = new("--inactivity-timeout")
    { Description = "Kill a subtest whose output and dmesg stay silent for TIME (0: none; default from the profile)", HelpName = "TIME" };

    public static readonly Option<string> OverallTimeout = new("--overall-timeout")
    { Description = "Start no new test after TIME; the rest are notrun and the exit code is 3", HelpName = "TIME" };

    public static readonly Option<string?> AbortOn = new("--abort-on-monitored-error")
    {
        Description = "Abort the run when a test leaves the kernel badly tainted (=taint or =all; both mean the taint check)",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "taint|all",
    };

    public static readonly Option<int?> DmesgWarnLevel = new("--dmesg-warn-level")
    { Description = "Kernel messages at this level or more severe are warnings (default 4, KERN_WARNING)", HelpName = "L" };

    public static readonly Option<bool> PiglitDmesg = new("--piglit-style-dmesg")
    { Description = "Only DRM messages count as dmesg warnings (piglit's filter; default level 5)" };

    public static readonly Option<string[]> DmesgAllow = new("--dmesg-allow")
    { Description = "More allow-list regexes for dmesg, one per line in FILE (repeatable)", HelpName = "FILE" };

    public static readonly Option<string[]> Env = new("--environment", "-e")
    { Description = "Set KEY=VALUE for the tests (a bare KEY takes the runner's value; repeatable)", HelpName = "KEY[=VALUE]" };

    public static readonly Option<bool> Overwrite = new("--overwrite", "-o")
    { Description = "Replace an existing results directory" };

    public static readonly Option<bool> DryRun = new("--dry-run", "-d")
    { Description = "Write the results directory and job list, run nothing (resume executes it)" };

    public static readonly Option<string> Progress = new("--progress")
    { Description = "auto, live (terminal line) or plain (a line per test)", DefaultValueFactory = _ => "auto", HelpName = "MODE" };

    // resume.
    public static readonly Option<bool> RetryIncomplete = new("--retry-incomplete")
    { Description = "Also run again the tests that were running when the run died (default: they stay incomplete)" };

    public static readonly Option<string> OrphanGrace = new("--orphan-grace")
    {
        Description = "How long to wait for test hosts left by the dead runner to finish their subtest before killing them",
        DefaultValueFactory = _ => "10",
        HelpName = "TIME",
    };
}
