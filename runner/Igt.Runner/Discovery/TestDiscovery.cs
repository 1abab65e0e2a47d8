namespace Igt.Runner.Discovery;

/// <summary>
/// Asks the test platform which tests an assembly holds (<c>dotnet test &lt;dll&gt; --list-tests</c>), exactly as
/// `dotnet test` would run them. The fixtures make every subtest's display name its igt name. The answer is cached
/// per assembly file (path, size and write time), so reruns, shards and `list` do not ask twice.
/// </summary>
public static class TestDiscovery
{
    private const string ListHeader = "The following Tests are available:";

    public static async Task<List<string>> ListAsync(string assembly, CancellationToken ct)
    {
        if (!File.Exists(assembly))
            throw new Settings.UsageException($"test assembly not found: {assembly}");
        var cache = DiscoveryCache.For(assembly);
        if (cache.TryRead() is { } cached)
            return cached;
        var r = await DotnetCli.RunAsync(["test", assembly, "--list-tests"], ct: ct);
        if (r.ExitCode != 0)
        {
            var why = r.Output.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
            throw new RunnerException($"listing the tests of {assembly} failed (exit {r.ExitCode}): {why}");
        }
        var names = Parse(r.Output);
        cache.Write(names);
        return names;
    }

    public static List<string> Parse(string output)
    {
        var names = new List<string>();
        var inList = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim() == ListHeader)
            {
                inList = true;
                continue;
            }
            if (inList && line.StartsWith("    ", StringComparison.Ordinal))
                names.Add(line.Trim());
            else if (inList && line.Trim().Length > 0)
                inList = false;
        }
        return names;
    }
}
