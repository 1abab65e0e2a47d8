using System.Reflection;

namespace Igt.Runner.Tests.Support;

/// <summary>Where the tests find the meta test assembly, the runner and the golden scenarios.</summary>
public static class TestPaths
{
    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} missing");

    /// <summary>tests/Meta's assembly (built before this project, see the csproj).</summary>
    public static string MetaAssembly => Metadata("IgtMetaAssembly");

    /// <summary>igt-runner.dll beside this test assembly (the project reference copies it).</summary>
    public static string RunnerDll => Path.Combine(AppContext.BaseDirectory, "igt-runner.dll");

    /// <summary>The golden scenarios as copied to the output directory.</summary>
    public static string Scenarios => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>The golden scenarios in the source tree (written when IGT_RUNNER_UPDATE_GOLDEN=1).</summary>
    public static string ScenarioSources => Path.Combine(Metadata("IgtRunnerTestsSource"), "Scenarios");
}
