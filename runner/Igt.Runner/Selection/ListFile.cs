using Igt.Runner.Settings;

namespace Igt.Runner.Selection;

/// <summary>Reads the runner's line-oriented input files: blank lines and lines starting with '#' are comments.</summary>
public static class ListFile
{
    /// <summary>(line number, text) of every meaningful line; a missing file is a usage error.</summary>
    public static IEnumerable<(int Line, string Text)> Read(string path, string option)
    {
        if (!File.Exists(path))
            throw new UsageException($"{option}: file not found: {path}");
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
                yield return (i + 1, text);
        }
    }
}
