using System.Globalization;
using System.Text.RegularExpressions;

namespace Igt.Runner.Execution;

/// <summary>
/// The machine's taint as a test reports it: the fixture prints <c>taint: 0x&lt;hex&gt;</c> (the bits of
/// /proc/sys/kernel/tainted) to out.txt when the test ends. The bits IGT's runner treats as fatal are
/// TAINT_MACHINE_CHECK, TAINT_BAD_PAGE, TAINT_DIE and TAINT_WARN.
/// </summary>
public static partial class Taint
{
    public const ulong MachineCheck = 1UL << 4;
    public const ulong BadPage = 1UL << 5;
    public const ulong Die = 1UL << 7;
    public const ulong Warn = 1UL << 9;
    public const ulong Bad = MachineCheck | BadPage | Die | Warn;

    /// <summary>The last taint line of a test's output, or null when it printed none.</summary>
    public static ulong? Parse(string output)
    {
        var matches = TaintRegex().Matches(output);
        return matches.Count == 0 ? null
            : ulong.Parse(matches[^1].Groups[1].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>"0x200 (TAINT_WARN)".</summary>
    public static string Describe(ulong mask)
    {
        var names = new List<string>();
        if ((mask & MachineCheck) != 0)
            names.Add("TAINT_MACHINE_CHECK");
        if ((mask & BadPage) != 0)
            names.Add("TAINT_BAD_PAGE");
        if ((mask & Die) != 0)
            names.Add("TAINT_DIE");
        if ((mask & Warn) != 0)
            names.Add("TAINT_WARN");
        return $"0x{mask:x}" + (names.Count > 0 ? $" ({string.Join(" | ", names)})" : "");
    }

    [GeneratedRegex(@"^taint: 0x([0-9a-fA-F]{1,16})\s*$", RegexOptions.Multiline)]
    private static partial Regex TaintRegex();
}
