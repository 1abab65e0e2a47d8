using Igt.Runner.Settings;

namespace Igt.Runner.Discovery;

/// <summary>
/// Finds the repository (the folder holding Igt.sln) and its test projects: every *.csproj under tests/, except
/// tests/Meta (the runner's meta test binary, which only makes sense in runner and CI self-checks; name it with
/// --project to run it).
/// </summary>
public static class TestProjects
{
    public const string SolutionFile = "Igt.sln";

    public static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        }
        return null;
    }

    public static List<string> Default(string repoRoot)
    {
        var tests = Path.Combine(repoRoot, "tests");
        if (!Directory.Exists(tests))
            throw new UsageException($"no tests/ folder in {repoRoot}");
        return Directory.EnumerateFiles(tests, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !IsMeta(Path.GetRelativePath(tests, p)))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A --project argument: a .csproj file or a folder holding exactly one.</summary>
    public static string Resolve(string path)
    {
        if (File.Exists(path) && path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            return Path.GetFullPath(path);
        if (Directory.Exists(path))
        {
            var projects = Directory.GetFiles(path, "*.csproj");
            if (projects.Length == 1)
                return Path.GetFullPath(projects[0]);
            throw new UsageException($"--project: {path} holds {projects.Length} projects; name the .csproj");
        }
        throw new UsageException($"--project: not found: {path}");
    }

    private static bool IsMeta(string relative) =>
        relative.StartsWith("Meta" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
