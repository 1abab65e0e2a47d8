namespace Igt.Runner.Settings;

/// <summary>metadata.txt: one <c>key : value</c> line per setting, as igt_runner writes it.</summary>
public static class MetadataFile
{
    public static Dictionary<string, string> Parse(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var sep = line.IndexOf(" : ", StringComparison.Ordinal);
            if (sep > 0)
                map[line[..sep].Trim()] = line[(sep + 3)..];
        }
        return map;
    }

    public static string Format(IEnumerable<KeyValuePair<string, string>> entries) =>
        string.Concat(entries.Select(e => $"{e.Key} : {e.Value}\n"));
}
