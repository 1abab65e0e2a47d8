using System.Text.RegularExpressions;
using Igt.Runner.Settings;

namespace Igt.Runner.Differential;

/// <summary>
/// The documented, intentional disagreements (docs/real-kernel-differences.txt): one per line,
/// <c>TEST-REGEX KIND REASON</c>, where KIND is status, errno, dmesg, missing or * (any); '#' starts a comment.
/// </summary>
public sealed class ExpectedDifferences
{
    private readonly List<(Regex Test, string Kind, string Reason)> _rules = new();

    public int Count => _rules.Count;

    public static ExpectedDifferences Parse(string text, string source)
    {
        var list = new ExpectedDifferences();
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || parts[1] is not ("status" or "errno" or "dmesg" or "missing" or "*"))
                throw new UsageException($"{source}:{n}: expected 'TEST-REGEX KIND REASON' with KIND status, errno, dmesg, missing or *");
            Regex re;
            try
            {
                re = new Regex(parts[0], RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"{source}:{n}: bad regex: {e.Message}");
            }
            list._rules.Add((re, parts[1], parts[2]));
        }
        return list;
    }

    /// <summary>The rules of both lists, <paramref name="a"/>'s first.</summary>
    public static ExpectedDifferences Merge(ExpectedDifferences a, ExpectedDifferences b)
    {
        var m = new ExpectedDifferences();
        m._rules.AddRange(a._rules);
        m._rules.AddRange(b._rules);
        return m;
    }

    /// <summary>The documented reason for this disagreement, or null.</summary>
    public string? Explain(string test, string kind) =>
        _rules.FirstOrDefault(r => (r.Kind == "*" || r.Kind == kind) && r.Test.IsMatch(test)).Reason;
}
