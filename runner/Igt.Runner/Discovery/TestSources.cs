using System.Diagnostics;
using Igt.Runner.Settings;

namespace Igt.Runner.Discovery;

/// <summary>Where a run's tests come from: projects to build (by default every test project) and/or built assemblies.</summary>
public sealed record TestSources(IReadOnlyList<string> Projects, IReadOnlyList<string> Assemblies, bool NoBuild)
{
    /// <summary>The test assemblies, and the project (relative to the current directory) that builds each one.</summary>
    public static async Task<(List<string> Assemblies, Dictionary<string, string> ProjectOf)> ResolveAsync(
        TestSources sources, RunSettings settings, TextWriter stdout)
    {
        var assemblies = new List<string>();
        foreach (var a in sources.Assemblies)
        {
            if (!File.Exists(a))
                throw new UsageException($"--assembly: file not found: {a}");
            assemblies.Add(Path.GetFullPath(a));
        }

        var projects = sources.Projects.Select(TestProjects.Resolve).ToList();
        if (projects.Count == 0 && assemblies.Count == 0)
        {
            var root = TestProjects.FindRepoRoot(Environment.CurrentDirectory)
                ?? throw new UsageException($"no {TestProjects.SolutionFile} above {Environment.CurrentDirectory}: run from the repository, or pass --project/--assembly");
            projects = TestProjects.Default(root);
        }

        var projectOf = new Dictionary<string, string>(StringComparer.Ordinal);
        if (projects.Count > 0)
        {
            var sw = Stopwatch.StartNew();
            if (!sources.NoBuild)
                stdout.WriteLine($"igt-runner: building {projects.Count} test projects ({settings.Configuration})...");
            var log = new StringWriter();
            List<string> built;
            try
            {
                built = await TestBuild.BuildAsync(projects, settings.Configuration, settings.ArtifactsPath, !sources.NoBuild, log, CancellationToken.None);
            }
            catch (RunnerException)
            {
                var tail = log.ToString().Split('\n').TakeLast(30);
                Console.Error.WriteLine(string.Join('\n', tail));
                throw;
            }
            if (!sources.NoBuild)
                stdout.WriteLine($"igt-runner: built in {sw.Elapsed.TotalSeconds:0.0}s");
            for (var i = 0; i < projects.Count; i++)
            {
                assemblies.Add(built[i]);
                projectOf[built[i]] = Path.GetRelativePath(Environment.CurrentDirectory, projects[i]);
            }
        }
        return (assemblies.Distinct().ToList(), projectOf);
    }
}
