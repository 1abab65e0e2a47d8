namespace Igt.Runner.Settings;

/// <summary>
/// The stress-size knob (<c>--profile</c>), handed to the tests as IGT_PROFILE. Each stress test declares its own
/// size for both profiles (<c>IgtEnv.StressIterations(ci: 16, nightly: 1000)</c> and friends): <c>ci</c> keeps every
/// test quick, <c>nightly</c> makes the stress tests long. The profile also sets the default timeouts that fit.
/// One size for every test can still be forced with --stress-iterations and its siblings.
/// </summary>
public sealed record StressProfile(string Name, TimeSpan PerTestTimeout, TimeSpan InactivityTimeout)
{
    public static readonly StressProfile Ci = new("ci", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));

    public static readonly StressProfile Nightly = new("nightly", TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));

    public static readonly StressProfile[] All = [Ci, Nightly];

    public static StressProfile Parse(string name) =>
        All.FirstOrDefault(p => p.Name == name.Trim().ToLowerInvariant())
        ?? throw new UsageException($"--profile: unknown profile '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})");
}
