using System.Text.Json;
using System.Text.RegularExpressions;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.KnownIssues;

/// <summary>The known-issues file: JSON <c>{"issues": [ {id, url, title, test, statuses, drivers, out, err, dmesg} ]}</c>.</summary>
public sealed class KnownIssueFile
{
    public List<KnownIssue> Issues { get; init; } = [];

    public static KnownIssueFile Load(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"--known-issues: {path} does not exist");
        KnownIssueFile? file;
        try
        {
            file = JsonSerializer.Deserialize<KnownIssueFile>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: {e.Message}");
        }
        file ??= new KnownIssueFile();
        foreach (var i in file.Issues)
            Validate(i, path);
        return file;
    }

    private static void Validate(KnownIssue i, string path)
    {
        foreach (var s in i.Statuses.Where(s => !TestStatusExtensions.TryParseIgt(s, out _)))
            throw new UsageException($"{path}: issue {i.Id}: '{s}' is not an IGT status");
        foreach (var re in new[] { i.Test, i.Out, i.Err, i.Dmesg }.OfType<string>())
        {
            try
            {
                _ = new Regex(re);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"{path}: issue {i.Id}: bad regex '{re}': {e.Message}");
            }
        }
    }
}
