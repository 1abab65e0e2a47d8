namespace Igt.Runner.Report;

/// <summary>
/// The driver a test belongs to, for the report's per-driver breakdown: the binary's prefix before the first '_'
/// (panfrost_submit → panfrost, etnaviv_bo → etnaviv), with IGT's i915-only prefixes folded into i915.
/// </summary>
public static class DriverOf
{
    // IGT names i915 tests gem_*, perf_*, i915_*; they all exercise the one driver.
    private static readonly HashSet<string> I915Prefixes = new(StringComparer.Ordinal) { "gem", "i915", "perf", "gen7", "gen9" };

    public static string Test(string igtName) => Binary(Selection.IgtName.BinaryOf(igtName));

    public static string Binary(string binary)
    {
        var cut = binary.IndexOf('_', StringComparison.Ordinal);
        var prefix = cut > 0 ? binary[..cut] : binary;
        return I915Prefixes.Contains(prefix) ? "i915" : prefix;
    }
}
