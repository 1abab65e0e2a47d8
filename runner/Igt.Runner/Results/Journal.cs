using System.Globalization;
using System.Text.RegularExpressions;

namespace Igt.Runner.Results;

/// <summary>
/// One subtest's journal.txt (docs/runner.md, "Journal"). The test host writes <c>start &lt;unix-ms&gt; &lt;pid&gt;</c>
/// when the subtest begins and <c>exit:&lt;status&gt; (&lt;secs&gt;s)</c> when it ends; the runner appends
/// <c>runner:&lt;status&gt; (&lt;secs&gt;s) &lt;reason&gt;</c> when it had to decide for the host (timeout, a dead host, an
/// abort). A runner line outranks the exit line. Lines that do not parse (a write cut short by a crash) are ignored.
/// </summary>
public sealed partial record Journal(
    long? StartUnixMs,
    int? Pid,
    string? ExitWord,
    double? ExitSeconds,
    string? RunnerWord,
    double? RunnerSeconds,
    string? RunnerReason)
{
    public static readonly Journal Empty = new(null, null, null, null, null, null, null);

    public bool Started => StartUnixMs is not null;

    /// <summary>The test host wrote its verdict.</summary>
    public bool Exited => ExitWord is not null;

    public static Journal Parse(string text)
    {
        var j = Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            Match m;
            if ((m = StartRegex().Match(line)).Success)
            {
                j = j with
                {
                    StartUnixMs = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                    Pid = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                };
            }
            else if ((m = ExitRegex().Match(line)).Success)
            {
                j = j with { ExitWord = m.Groups[1].Value, ExitSeconds = Seconds(m.Groups[2].Value) };
            }
            else if ((m = RunnerRegex().Match(line)).Success)
            {
                j = j with
                {
                    RunnerWord = m.Groups[1].Value,
                    RunnerSeconds = Seconds(m.Groups[2].Value),
                    RunnerReason = m.Groups[3].Success ? m.Groups[3].Value : null,
                };
            }
        }
        return j;
    }

    public static Journal Read(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(TextFiles.ReadShared(path)) : Empty;
        }
        catch (IOException)
        {
            return Empty;
        }
    }

    /// <summary>The line the runner appends when it decides a result for the test host.</summary>
    public static string RunnerLine(TestStatus status, TimeSpan elapsed, string reason) =>
        $"runner:{status.ToIgt()} ({elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)}s) {reason}\n";

    private static double? Seconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;

    [GeneratedRegex(@"^start (\d+) (\d+)\s*$")]
    private static partial Regex StartRegex();

    [GeneratedRegex(@"^exit:(\S+) \(([-0-9.eE+]+)s\)\s*$")]
    private static partial Regex ExitRegex();

    [GeneratedRegex(@"^runner:(\S+) \(([-0-9.eE+]+)s\)(?: (.*))?$")]
    private static partial Regex RunnerRegex();
}
