using System.Text.RegularExpressions;

namespace Igt.Runner.Selection;

/// <summary>
/// IGT test names, <c>igt@&lt;binary&gt;@&lt;subtest&gt;</c> (docs/naming.md). The fixtures map xunit tests to these names;
/// the runner only reads them, so it carries its own small parser instead of referencing the fixtures.
/// </summary>
public static partial class IgtName
{
    public const string Prefix = "igt@";

    /// <summary>The pseudo-test that carries the reason of an aborted run.</summary>
    public const string RunnerAborted = "igt@runner@aborted";

    public static bool IsSubtest(string name) => SubtestRegex().IsMatch(name);

    /// <summary>igt@bin@sub → bin; igt@bin → bin.</summary>
    public static string BinaryOf(string name)
    {
        var m = SubtestRegex().Match(name);
        if (m.Success)
            return m.Groups[1].Value;
        return name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;
    }

    /// <summary>igt@bin@sub → sub.</summary>
    public static string SubtestOf(string name)
    {
        var m = SubtestRegex().Match(name);
        return m.Success ? m.Groups[2].Value : name;
    }

    /// <summary>The totals key of a test's binary: igt@bin.</summary>
    public static string BinaryKey(string name) => Prefix + BinaryOf(name);

    /// <summary>A binary-only name from a test list: igt@bin.</summary>
    public static bool IsBinary(string name) => BinaryRegex().IsMatch(name);

    // No '@', whitespace or path separators: the name is also a folder name in the results directory.
    [GeneratedRegex(@"^igt@([^@\s/\\]+)@([^@\s/\\]+)$")]
    private static partial Regex SubtestRegex();

    [GeneratedRegex(@"^igt@([^@\s/\\]+)$")]
    private static partial Regex BinaryRegex();
}
