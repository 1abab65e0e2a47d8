namespace Igt.Runner.Expectations;

/// <summary>
/// The comment header drm-ci requires above every flakes entry (Documentation/gpu/automated_testing.rst): the bug, the
/// board, the first kernel and IGT version affected and an approximate failure rate.
/// </summary>
public static class FlakesHeader
{
    public static readonly string[] Keys = ["Bug Report", "Board Name", "Linux Version", "IGT Version", "Failure Rate"];

    /// <summary>The keys a comment block is missing (empty: a valid header).</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> commentLines)
    {
        var present = commentLines
            .Select(l => l.TrimStart('#').Trim())
            .Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .Where(kv => kv.Value.Length > 0)
            .Select(kv => kv.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Keys.Where(k => !present.Contains(k)).ToList();
    }

    public static string Format(string bug, string board, string linux, string igt, string rate) =>
        $"# Bug Report: {bug}\n# Board Name: {board}\n# Linux Version: {linux}\n# IGT Version: {igt}\n# Failure Rate: {rate}\n";
}
