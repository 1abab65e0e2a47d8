using System.Text.RegularExpressions;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Expectations;

/// <summary>
/// Parses the three drm-ci file kinds. fails: <c>test,Status</c> (deqp-runner's words as in failures.csv);
/// flakes and skips: one regex per line. '#' lines are comments. A flakes entry must sit under a comment block with
/// drm-ci's header (<see cref="FlakesHeader"/>); entries directly after one another share the block above them,
/// and a blank line ends the group. Bad input is a <see cref="UsageException"/> naming the file and line.
/// </summary>
public static class ExpectationParser
{
    public static Dictionary<string, TestStatus> ParseFails(string text, string file)
    {
        var fails = new Dictionary<string, TestStatus>(StringComparer.Ordinal);
        foreach (var (line, n) in Lines(text))
        {
            if (IsComment(line))
                continue;
            var comma = line.LastIndexOf(',');
            if (comma <= 0 || !TryParseCsvStatus(line[(comma + 1)..].Trim(), out var status))
                throw new UsageException($"{file}:{n}: expected 'test,Status' (Fail, Crash, Timeout, ...), got '{line}'");
            fails[line[..comma].Trim()] = status;
        }
        return fails;
    }

    public static List<Regex> ParseSkips(string text, string file) =>
        Lines(text).Where(l => !IsComment(l.Line)).Select(l => Compile(l.Line, file, l.Number)).ToList();

    public static List<Regex> ParseFlakes(string text, string file)
    {
        var flakes = new List<Regex>();
        var block = new List<string>();
        var headerOk = false;
        var inEntries = false;
        foreach (var (raw, n) in text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select((l, i) => (l.Trim(), i + 1)))
        {
            if (raw.Length == 0)
            {
                block.Clear();
                headerOk = inEntries = false;
                continue;
            }
            if (raw.StartsWith('#'))
            {
                if (inEntries)
                {
                    block.Clear();
                    headerOk = inEntries = false;
                }
                block.Add(raw);
                continue;
            }
            if (!inEntries)
            {
                var missing = FlakesHeader.Missing(block);
                if (missing.Count > 0)
                    throw new UsageException($"{file}:{n}: flakes entry '{raw}' lacks drm-ci's comment header (missing: {string.Join(", ", missing)})");
                headerOk = true;
                inEntries = true;
            }
            if (headerOk)
                flakes.Add(Compile(raw, file, n));
        }
        return flakes;
    }

    public static bool TryParseCsvStatus(string word, out TestStatus status)
    {
        foreach (var s in TestStatusExtensions.TotalsOrder)
        {
            if (s.ToCsv() == word)
            {
                status = s;
                return true;
            }
        }
        status = TestStatus.Fail;
        return false;
    }

    private static Regex Compile(string pattern, string file, int n)
    {
        try
        {
            // drm-ci's lists name tests without the igt@ prefix and with '@' between binary and subtest.
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{file}:{n}: bad regex '{pattern}': {e.Message}");
        }
    }

    private static bool IsComment(string line) => line.StartsWith('#');

    private static IEnumerable<(string Line, int Number)> Lines(string text) =>
        text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select((l, i) => (l.Trim(), i + 1)).Where(l => l.Item1.Length > 0);
}
