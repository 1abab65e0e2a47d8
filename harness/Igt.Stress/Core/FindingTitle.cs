using System.Text.RegularExpressions;

namespace Igt.Stress.Core;

/// <summary>
/// The dedup title of the first kernel report in a dmesg excerpt, shaped like syzbot's: "KASAN: use-after-free Read
/// in f", "WARNING in f", "general protection fault in f", "BUG: unable to handle kernel NULL pointer dereference in
/// f", "BUG: Bad page state in p", "kernel BUG in f". Accepts plain text lines, `dmesg` lines ("&lt;4&gt; [ 1.000000]
/// text") and /dev/kmsg records ("4,12,1234,-;text"). Addresses, offsets, pids and line numbers never reach a title.
/// </summary>
public static partial class FindingTitle
{
    /// <summary>The title of the first report in <paramref name="dmesgLines"/>, or null when there is none.</summary>
    public static string? FromDmesg(IEnumerable<string> dmesgLines)
    {
        ArgumentNullException.ThrowIfNull(dmesgLines);
        var lines = dmesgLines.Select(Strip).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var title = TitleAt(lines, i);
            if (title is not null)
                return title;
        }
        return null;
    }

    private static string? TitleAt(List<string> lines, int i)
    {
        var line = lines[i];
        Match m;
        if ((m = KasanRe().Match(line)).Success)
        {
            var access = "";
            for (var j = i + 1; j < Math.Min(lines.Count, i + 4); j++)
                if (AccessRe().Match(lines[j]) is { Success: true } a)
                {
                    access = " " + a.Groups[1].Value;
                    break;
                }
            return $"KASAN: {m.Groups[1].Value}{access} in {Function(m.Groups[2].Value)}";
        }
        if ((m = WarningRe().Match(line)).Success)
            return $"WARNING in {Function(m.Groups[1].Value)}";
        if ((m = BadPageRe().Match(line)).Success)
            return $"BUG: Bad page state in {m.Groups[1].Value}";
        if ((m = KernelBugRe().Match(line)).Success)
            return $"kernel BUG in {RipFunction(lines, i) ?? m.Groups[1].Value}";
        if ((m = OopsHeadlineRe().Match(line)).Success)
        {
            var what = m.Groups[1].Value.TrimEnd();
            var inFunction = m.Groups[2].Success ? m.Groups[2].Value : null;
            return $"{what} in {RipFunction(lines, i) ?? inFunction ?? "unknown"}";
        }
        if ((m = BareOopsRe().Match(line)).Success)
            return $"Oops in {RipFunction(lines, i) ?? "unknown"}";
        return null;
    }

    /// <summary>The function of the RIP/PC line following an oops headline (within the report).</summary>
    private static string? RipFunction(List<string> lines, int from)
    {
        for (var j = from; j < Math.Min(lines.Count, from + 12); j++)
            if (RipRe().Match(lines[j]) is { Success: true } r)
                return Function(r.Groups[1].Value);
        return null;
    }

    /// <summary>"drivers/x.c:12 f+0x1/0x2 [mod]" → "f".</summary>
    private static string Function(string s)
    {
        var token = s.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(t => t.Contains("+0x", StringComparison.Ordinal))
            ?? s.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? s;
        var plus = token.IndexOf("+0x", StringComparison.Ordinal);
        return plus > 0 ? token[..plus] : token;
    }

    /// <summary>Drops the kmsg ("4,12,1234,-;") or dmesg ("&lt;4&gt; [    1.000000] ") prefix.</summary>
    private static string Strip(string line)
    {
        if (KmsgPrefixRe().Match(line) is { Success: true } k)
            return line[k.Length..];
        if (DmesgPrefixRe().Match(line) is { Success: true } d)
            return line[d.Length..];
        return line;
    }

    [GeneratedRegex(@"^\d+,\d+,\d+,[-c][^;]*;")]
    private static partial Regex KmsgPrefixRe();

    [GeneratedRegex(@"^(<\d+>\s*)?\[\s*\d+\.\d+\]\s?")]
    private static partial Regex DmesgPrefixRe();

    [GeneratedRegex(@"BUG: KASAN: ([\w-]+(?: [\w-]+)*?) in (\S+)")]
    private static partial Regex KasanRe();

    [GeneratedRegex(@"^(Read|Write) of size \d+")]
    private static partial Regex AccessRe();

    [GeneratedRegex(@"^WARNING: CPU: \d+ PID: \d+ at (.+)$")]
    private static partial Regex WarningRe();

    [GeneratedRegex(@"^BUG: Bad page state in process (\S+)")]
    private static partial Regex BadPageRe();

    [GeneratedRegex(@"^kernel BUG at (\S+?)!?$")]
    private static partial Regex KernelBugRe();

    [GeneratedRegex(@"^(BUG: kernel NULL pointer dereference|BUG: unable to handle (?:page fault|kernel paging request|kernel NULL pointer dereference|kernel \w+)|general protection fault|divide error|invalid opcode)(?: in (\w+))?")]
    private static partial Regex OopsHeadlineRe();

    [GeneratedRegex(@"^Oops: ")]
    private static partial Regex BareOopsRe();

    [GeneratedRegex(@"^(?:RIP: \d+:|pc : |PC is at )(\S+)")]
    private static partial Regex RipRe();
}
