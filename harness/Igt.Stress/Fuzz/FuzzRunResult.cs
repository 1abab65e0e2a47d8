using System.Globalization;
using System.Text;

namespace Igt.Stress.Fuzz;

/// <summary>What a fuzz run did: calls per ioctl, programs, time, and the findings (deduplicated by title).</summary>
public sealed class FuzzRunResult
{
    public required string Target { get; init; }

    public required IReadOnlyDictionary<string, long> Calls { get; init; }

    /// <summary>Calls per ioctl that returned 0 (typed generation must get past the argument checks).</summary>
    public required IReadOnlyDictionary<string, long> Succeeded { get; init; }

    public required long Ops { get; init; }

    public required int Programs { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required IReadOnlyList<FuzzFinding> Findings { get; init; }

    public double CallsPerSecond => Elapsed.TotalSeconds > 0 ? Ops / Elapsed.TotalSeconds : 0;

    public string Summary()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"fuzz {Target}: {Ops} ops in {Programs} programs, {Elapsed.TotalSeconds:F1} s, {CallsPerSecond:F0} calls/s, {Findings.Count} finding(s)\n");
        foreach (var (name, n) in Calls.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"  {name,-28} {n,7} calls {Succeeded.GetValueOrDefault(name),7} ok\n");
        foreach (var f in Findings)
            sb.Append(CultureInfo.InvariantCulture, $"  finding: {f.Record.Title}\n    replay: {f.ReproCommand}\n");
        return sb.ToString();
    }
}
