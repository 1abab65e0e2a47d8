using System.Globalization;

namespace Igt.Core;

/// <summary>
/// Knobs the runner passes through the environment (docs/runner.md): the profile (ci, nightly) and the stress
/// sizes tests read. Each getter takes the CI default and the nightly default.
/// </summary>
public static class IgtEnv
{
    public static string Profile => Environment.GetEnvironmentVariable("IGT_PROFILE") is { Length: > 0 } p ? p : "ci";

    public static bool Nightly => Profile == "nightly";

    /// <summary>Iterations of a stress loop (IGT_STRESS_ITERATIONS).</summary>
    public static int StressIterations(int ci, int nightly) => Number("IGT_STRESS_ITERATIONS", Nightly ? nightly : ci);

    /// <summary>Number of objects a stress test juggles (IGT_STRESS_OBJECTS).</summary>
    public static int StressObjects(int ci, int nightly) => Number("IGT_STRESS_OBJECTS", Nightly ? nightly : ci);

    /// <summary>Memory thrash as a multiple of RAM (IGT_THRASH_FACTOR).</summary>
    public static double ThrashFactor(double ci, double nightly) =>
        Environment.GetEnvironmentVariable("IGT_THRASH_FACTOR") is { Length: > 0 } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : Nightly ? nightly : ci;

    /// <summary>Wall-clock budget of a duration-bound stress test (IGT_DURATION_S).</summary>
    public static TimeSpan Duration(TimeSpan ci, TimeSpan nightly) =>
        Environment.GetEnvironmentVariable("IGT_DURATION_S") is { Length: > 0 } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? TimeSpan.FromSeconds(v)
            : Nightly ? nightly : ci;

    /// <summary>The run seed (IGT_SEED), 0 when none was given.</summary>
    public static ulong RunSeed => ParseSeed(Environment.GetEnvironmentVariable("IGT_SEED")) ?? 0;

    /// <summary>An exact machine seed to replay (IGT_MACHINE_SEED), overriding the derived one.</summary>
    public static ulong? MachineSeed => ParseSeed(Environment.GetEnvironmentVariable("IGT_MACHINE_SEED"));

    /// <summary>Known bugs to switch on in every machine (IGT_KNOWN_BUGS="panfrost.MappingOnObject,...").</summary>
    public static IReadOnlyList<string> KnownBugs =>
        (Environment.GetEnvironmentVariable("IGT_KNOWN_BUGS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static ulong? ParseSeed(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
            return null;
        s = s.Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : null;
        return ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static int Number(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } s && int.TryParse(s, out var v) ? v : fallback;
}
