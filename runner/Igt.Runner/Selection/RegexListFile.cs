using System.Text.RegularExpressions;
using Igt.Runner.Settings;

namespace Igt.Runner.Selection;

/// <summary>
/// Regex lists: <c>--blocklist FILE</c> (each line excludes the tests it matches, like IGT's -b) and
/// <c>--dmesg-allow FILE</c>. One regex per line; '#' lines are comments, so every entry can say why it is there.
/// </summary>
public static class RegexListFile
{
    public static List<string> Parse(string path, string option)
    {
        var list = new List<string>();
        foreach (var (line, text) in ListFile.Read(path, option))
        {
            Validate(text, $"{path}:{line}");
            list.Add(text);
        }
        return list;
    }

    /// <summary>A regex from the command line or a file, compiled the way selection uses it.</summary>
    public static Regex Validate(string pattern, string where)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{where}: bad regex '{pattern}': {e.Message}");
        }
    }
}
