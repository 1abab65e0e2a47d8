using Igt.Runner.Settings;

namespace Igt.Runner.Selection;

/// <summary>
/// <c>--test-list FILE</c>: one test per line, <c>igt@bin@sub</c> or <c>igt@bin</c> (all of the binary's subtests),
/// with '#' comments. The run keeps the file's order. Text after the name on the same line is a comment when it
/// starts with '#'.
/// </summary>
public static class TestListFile
{
    public static List<(string Name, string Where)> Parse(string path)
    {
        var entries = new List<(string, string)>();
        foreach (var (line, raw) in ListFile.Read(path, "--test-list"))
        {
            var hash = raw.IndexOf(" #", StringComparison.Ordinal);
            var text = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (!IgtName.IsSubtest(text) && !IgtName.IsBinary(text))
                throw new UsageException($"{path}:{line}: '{text}' is not a test name (igt@binary or igt@binary@subtest)");
            entries.Add((text, $"{path}:{line}"));
        }
        return entries;
    }
}
