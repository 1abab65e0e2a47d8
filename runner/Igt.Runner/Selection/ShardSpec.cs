using System.Globalization;

namespace Igt.Runner.Selection;

/// <summary>
/// <c>--shard K/N</c>: this machine runs the K-th of N slices (K from 1). Like deqp-runner's
/// <c>--fraction N --fraction-start K</c>: the selected tests are shuffled with a fixed seed, identical on every
/// machine, and slice K keeps every N-th test starting at position K-1. The shuffle spreads slow binaries over the
/// slices; a blocklist change moves only the tests it touches.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || n < 1 || k < 1 || k > n)
            throw new Settings.UsageException($"--shard: '{text}' is not K/N with 1 <= K <= N (e.g. 2/4)");
        return new ShardSpec(k, n);
    }

    /// <summary>This slice of <paramref name="names"/>, in their original order.</summary>
    public IReadOnlyList<string> Select(IReadOnlyList<string> names, ulong shuffleSeed)
    {
        var shuffled = SeededShuffle.Shuffle(names.Order(StringComparer.Ordinal).ToList(), shuffleSeed);
        var mine = new HashSet<string>(StringComparer.Ordinal);
        for (var i = Index - 1; i < shuffled.Count; i += Count)
            mine.Add(shuffled[i]);
        return names.Where(mine.Contains).ToList();
    }

    public override string ToString() => $"{Index}/{Count}";
}
