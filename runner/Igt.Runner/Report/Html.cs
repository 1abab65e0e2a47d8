using System.Text;

namespace Igt.Runner.Report;

/// <summary>
/// HTML escaping for the report. Every string that came from a test, its output, dmesg or a results folder goes
/// through here: element text and attribute values alike, quotes included, so a hostile string stays text.
/// </summary>
public static class Html
{
    public static string E(string? s)
    {
        if (string.IsNullOrEmpty(s))
            return "";
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                // Control characters other than tab/newline have no business in a page; show them as U+FFFD.
                case < ' ' and not '\n' and not '\t' and not '\r': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
