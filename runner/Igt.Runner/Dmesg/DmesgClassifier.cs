using System.Text;
using System.Text.RegularExpressions;

namespace Igt.Runner.Dmesg;

/// <summary>
/// IGT's dmesg rules (runner/resultgen.c) applied to one subtest's dmesg.txt:
/// <list type="bullet">
/// <item>the log is split at the <c>[IGT] &lt;bin&gt;: starting subtest &lt;name&gt;</c> markers; the subtest keeps the lines
/// before the first marker (its machine's boot) and those after its own marker up to another subtest's marker. A log
/// with no marker at all belongs wholly to the subtest, warnings included: unlike IGT's shared kernel log, each
/// folder here holds one subtest's own machine;</item>
/// <item>a record is a warning when its level is at or below the threshold, it is not a continuation, the allow-list
/// does not match it (piglit style: only DRM messages count), and no regex the test registered with
/// <c>[IGT] add ignored dmesg regex: RE</c> matches it; such regexes hold until the next (dynamic) subtest starts.</item>
/// </list>
/// </summary>
public sealed class DmesgClassifier
{
    public const string SubtestMarker = ": starting subtest ";
    public const string DynamicSubtestMarker = ": starting dynamic subtest ";
    public const string IgnorePrefix = "add ignored dmesg regex: ";

    private readonly DmesgPolicy _policy;
    private readonly Regex _allow;
    private readonly Regex _piglit = new(DmesgAllowList.PiglitDrm, RegexOptions.CultureInvariant);

    public DmesgClassifier(DmesgPolicy policy)
    {
        _policy = policy;
        _allow = DmesgAllowList.Compile(DmesgAllowList.Default.Concat(policy.ExtraAllow));
    }

    public DmesgExcerpt Classify(string kmsgText, string subtest)
    {
        var dmesg = new StringBuilder();
        var warnings = new StringBuilder();
        var mine = true;
        Regex? ignore = null;
        foreach (var raw in kmsgText.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            var rec = KmsgRecord.Parse(line);
            var message = rec?.Message ?? line;
            var marker = message.IndexOf(SubtestMarker, StringComparison.Ordinal);
            if (marker >= 0)
            {
                mine = message[(marker + SubtestMarker.Length)..].Trim() == subtest;
                ignore = null;
            }
            else if (message.Contains(DynamicSubtestMarker, StringComparison.Ordinal))
            {
                ignore = null;
            }
            if (!mine)
                continue;
            var ignoreAt = message.IndexOf(IgnorePrefix, StringComparison.Ordinal);
            if (ignoreAt >= 0)
                ignore = TryCompile(message[(ignoreAt + IgnorePrefix.Length)..]);
            var formatted = rec?.Format() ?? line;
            dmesg.Append(formatted).Append('\n');
            if (rec is not null && IsWarning(rec, ignore))
                warnings.Append(formatted).Append('\n');
        }
        return new DmesgExcerpt(dmesg.ToString(), warnings.ToString());
    }

    private bool IsWarning(KmsgRecord rec, Regex? ignore)
    {
        if (rec.Level > _policy.WarnLevel || rec.Continuation)
            return false;
        if (_policy.PiglitStyle ? !_piglit.IsMatch(rec.Message) : _allow.IsMatch(rec.Message))
            return false;
        return ignore is null || !ignore.IsMatch(rec.Message);
    }

    /// <summary>A broken regex from a test must not break results generation; it simply ignores nothing.</summary>
    private static Regex? TryCompile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
