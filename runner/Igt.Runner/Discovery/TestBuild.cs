using System.Security;
using System.Text;

namespace Igt.Runner.Discovery;

/// <summary>
/// Builds the test projects with the ordinary SDK (one generated solution, so shared projects build once) and
/// asks MSBuild where each test assembly landed.
/// </summary>
public static class TestBuild
{
    public static async Task<List<string>> BuildAsync(IReadOnlyList<string> projects, string configuration,
        string? artifactsPath, bool build, TextWriter log, CancellationToken ct)
    {
        var tmp = Directory.CreateTempSubdirectory("igt-runner-build-");
        try
        {
            var slnx = Path.Combine(tmp.FullName, "tests.slnx");
            var xml = new StringBuilder("<Solution>\n");
            foreach (var p in projects)
                xml.Append("  <Project Path=\"").Append(SecurityElement.Escape(p)).Append("\" />\n");
            await File.WriteAllTextAsync(slnx, xml.Append("</Solution>\n").ToString(), ct);

            var common = new List<string> { "-c", configuration };
            if (artifactsPath is not null)
                common.AddRange(["--artifacts-path", Path.GetFullPath(artifactsPath)]);

            if (build)
            {
                var result = await DotnetCli.RunAsync(["build", slnx, "-nologo", "-v:minimal", .. common], ct: ct);
                await log.WriteAsync(result.Output);
                if (result.ExitCode != 0)
                {
                    var errors = result.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
                    throw new RunnerException($"building the tests failed ({errors.Count} errors){(errors.Count > 0 ? ": " + errors[0].Trim() : "")}");
                }
            }

            var paths = new List<string>();
            foreach (var p in projects)
            {
                var q = await DotnetCli.RunAsync(["build", p, "-getProperty:TargetPath", .. common], ct: ct);
                var path = q.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
                if (q.ExitCode != 0 || path is null || !File.Exists(path))
                    throw new RunnerException($"cannot find the test assembly of {p}: {q.Output.Trim()}");
                paths.Add(path);
            }
            return paths;
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
