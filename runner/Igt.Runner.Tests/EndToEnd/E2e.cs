using System.Text.Json;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.EndToEnd;

/// <summary>Helpers of the end-to-end tests: run igt-runner on tests/Meta and read what it wrote.</summary>
internal static class E2e
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>A run of the meta binary with the meta subtests enabled and no sanity test.</summary>
    public static string[] Meta(string dir, params string[] more) =>
    [
        "run", dir, "--assembly", TestPaths.MetaAssembly, "--sanity", "none", "-e", "IGT_CI_META_TEST=1", "--progress", "plain", .. more,
    ];

    /// <summary>The same with igt@runner_meta@pass as the sanity test.</summary>
    public static string[] MetaWithSanity(string dir, params string[] more) =>
    [
        "run", dir, "--assembly", TestPaths.MetaAssembly, "--sanity", "igt@runner_meta@pass", "-e", "IGT_CI_META_TEST=1",
        "--progress", "plain", .. more,
    ];

    public static Dictionary<string, string> Statuses(string dir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        return doc.RootElement.GetProperty("tests").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("result").GetString()!);
    }

    public static JsonElement Test(string dir, string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        return doc.RootElement.GetProperty("tests").GetProperty(name).Clone();
    }

    /// <summary>Journals that have an exit line, by test name.</summary>
    public static Dictionary<string, string> Finished(string journals) =>
        !Directory.Exists(journals) ? [] : Directory.GetDirectories(journals)
            .Select(d => (Name: Path.GetFileName(d), Text: File.Exists(Path.Combine(d, "journal.txt")) ? File.ReadAllText(Path.Combine(d, "journal.txt")) : ""))
            .Where(x => x.Text.Contains("\nexit:", StringComparison.Ordinal))
            .ToDictionary(x => x.Name, x => x.Text);
}
