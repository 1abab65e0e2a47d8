using System.Globalization;
using System.Text;

namespace Igt.Runner.Dmesg;

/// <summary>
/// One /dev/kmsg record as dmesg.txt stores it: <c>prio,seq,usec,flags;msg</c>. The runner parses this much itself
/// (it does not reference the emulated kernel); it is the same format Linux's /dev/kmsg documents.
/// </summary>
public sealed record KmsgRecord(int Level, ulong Seq, long TimestampUs, bool Continuation, string Message)
{
    public static KmsgRecord? Parse(string line)
    {
        var semi = line.IndexOf(';');
        if (semi < 0)
            return null;
        var head = line[..semi].Split(',');
        if (head.Length < 3
            || !int.TryParse(head[0], NumberStyles.None, CultureInfo.InvariantCulture, out var prio)
            || !ulong.TryParse(head[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            || !long.TryParse(head[2], NumberStyles.None, CultureInfo.InvariantCulture, out var usec))
            return null;
        var cont = head.Length > 3 && head[3].Contains('c', StringComparison.Ordinal);
        return new KmsgRecord(prio & 7, seq, usec, cont, Unescape(line[(semi + 1)..]));
    }

    /// <summary>The line as results.json shows it (IGT's resultgen): <c>&lt;lvl&gt; [sec.usec] msg</c>.</summary>
    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"<{Level}> [{TimestampUs / 1_000_000}.{TimestampUs % 1_000_000:D6}] {Message}");

    /// <summary>/dev/kmsg escapes unprintable bytes as \xNN; dmesg shows them decoded.</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains("\\x", StringComparison.Ordinal))
            return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x'
                && byte.TryParse(text.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                sb.Append((char)b);
                i += 3;
            }
            else
            {
                sb.Append(text[i]);
            }
        }
        return sb.ToString();
    }
}
