using System.Globalization;

namespace Igt.Runner.Settings;

/// <summary>
/// The environment variables the runner sets for every test host (docs/runner.md, "Environment"). The test
/// library reads them; this is the runner's side only.
/// </summary>
public static class RunnerEnvironment
{
    /// <summary>Journal root: tests write $IGT_RUNNER_DIR/tests/&lt;igt-name&gt;/.</summary>
    public const string RunnerDir = "IGT_RUNNER_DIR";

    /// <summary>The runner's pid: an orphaned host stops before its next subtest.</summary>
    public const string RunnerPid = "IGT_RUNNER_PID";

    /// <summary>The run seed of this iteration, 0x-hex; machine seeds derive from it and the igt name.</summary>
    public const string SeedVar = "IGT_SEED";

    /// <summary>ci or nightly.</summary>
    public const string Profile = "IGT_PROFILE";

    public const string StressIterations = "IGT_STRESS_ITERATIONS";

    public const string StressObjects = "IGT_STRESS_OBJECTS";

    public const string ThrashFactor = "IGT_THRASH_FACTOR";

    /// <summary>Seconds a time-bounded stress loop inside one test may run.</summary>
    public const string DurationS = "IGT_DURATION_S";

    /// <summary>1-based iteration of a --repeat/--duration run.</summary>
    public const string Iteration = "IGT_RUNNER_ITERATION";

    /// <summary>
    /// The variables for a host running iteration <paramref name="iteration"/>. The stress sizes are set only when the
    /// run forces them (--stress-iterations etc. or -e); otherwise each test uses its own size for the profile.
    /// -e variables win over everything.
    /// </summary>
    public static Dictionary<string, string> ForHost(RunSettings settings, string iterationRoot, int iteration, int runnerPid)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RunnerDir] = iterationRoot,
            [RunnerPid] = runnerPid.ToString(CultureInfo.InvariantCulture),
            [SeedVar] = Seed.Format(Seed.ForIteration(settings.Seed, iteration)),
            [Profile] = settings.Profile.Name,
            [Iteration] = iteration.ToString(CultureInfo.InvariantCulture),
            // Quiet, telemetry-free dotnet: nothing of the SDK's first-run chatter in host logs.
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in settings.Environment)
            env[key] = value;
        return env;
    }
}
