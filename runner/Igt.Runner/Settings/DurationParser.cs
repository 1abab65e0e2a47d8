using System.Globalization;
using System.Text.RegularExpressions;

namespace Igt.Runner.Settings;

/// <summary>Durations on the command line: plain seconds ("90") or with units ("90s", "15m", "2h", "1h30m", "1d").</summary>
public static partial class DurationParser
{
    public static TimeSpan Parse(string text, string option)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
            return TimeSpan.FromSeconds(plain);
        var m = DurationRegex().Match(text);
        if (!m.Success || text.Length == 0)
            throw new UsageException($"{option}: cannot read duration '{text}' (use seconds, or e.g. 90s, 15m, 2h, 1h30m)");
        var total = TimeSpan.Zero;
        foreach (Capture c in m.Groups["part"].Captures)
        {
            var unit = c.Value[^1];
            var n = double.Parse(c.Value[..^1], CultureInfo.InvariantCulture);
            total += unit switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }
        return total;
    }

    /// <summary>Seconds, as metadata.txt stores durations.</summary>
    public static string Format(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<part>[0-9]+(?:\.[0-9]+)?[dhms])+$")]
    private static partial Regex DurationRegex();
}
