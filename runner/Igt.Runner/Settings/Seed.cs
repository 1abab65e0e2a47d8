using System.Globalization;
using System.Security.Cryptography;

namespace Igt.Runner.Settings;

/// <summary>
/// The run seed (<c>--seed</c>): printed at the start, recorded in metadata.txt and handed to the tests as IGT_SEED.
/// Each test derives its machine seed from IGT_SEED and its igt name, so one test replays alone with the same seed.
/// Iteration k of a repeated run uses <see cref="ForIteration"/>, so repeats explore different schedules yet each
/// replays from the seed printed next to it.
/// </summary>
public static class Seed
{
    public static ulong Parse(string text, string option)
    {
        var t = text.Trim();
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        if (!ok)
            throw new UsageException($"{option}: '{text}' is not a seed (decimal, or hex with 0x)");
        return v;
    }

    public static string Format(ulong seed) => "0x" + seed.ToString("x", CultureInfo.InvariantCulture);

    public static ulong Random() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));

    public static ulong ForIteration(ulong runSeed, int iteration) =>
        iteration <= 1 ? runSeed : SplitMix64(runSeed ^ ((ulong)iteration * 0x9E3779B97F4A7C15UL));

    /// <summary>SplitMix64's finaliser: a fixed, well-mixed function (its output never changes between .NET versions).</summary>
    public static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
