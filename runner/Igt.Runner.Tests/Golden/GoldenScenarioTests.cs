using System.Text.Json;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Golden;

/// <summary>
/// IGT's runner tests, for this runner: each folder under Scenarios/ holds a pre-made results directory (input/)
/// and the files results generation must produce from it (expected/). Nothing runs; only the folders are read.
/// Set IGT_RUNNER_UPDATE_GOLDEN=1 to rewrite expected/ after a deliberate format change, then review the diff.
/// </summary>
public sealed class GoldenScenarioTests
{
    public static readonly TheoryData<string> Scenarios = new(
        Directory.GetDirectories(TestPaths.Scenarios).Select(Path.GetFileName).OfType<string>().Order());

    private static readonly string[] Outputs = ["results.json", "results.csv", "failures.csv", "junit.xml"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Results_match_the_golden_files(string scenario)
    {
        using var tmp = new TempDir();
        TempDir.Copy(Path.Combine(TestPaths.Scenarios, scenario, "input"), tmp.Path);

        ResultsWriter.Generate(new ResultsLayout(tmp.Path));

        var update = Environment.GetEnvironmentVariable("IGT_RUNNER_UPDATE_GOLDEN") == "1";
        foreach (var file in Outputs)
        {
            var actual = File.ReadAllText(Path.Combine(tmp.Path, file));
            if (update)
            {
                var target = Path.Combine(TestPaths.ScenarioSources, scenario, "expected", file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, actual);
                continue;
            }
            var expected = File.ReadAllText(Path.Combine(TestPaths.Scenarios, scenario, "expected", file));
            actual.Should().Be(expected, $"{scenario}/{file} must match the golden file");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Golden_results_json_is_valid_igt_layout(string scenario)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Scenarios, scenario, "expected", "results.json")));
        var root = doc.RootElement;
        root.GetProperty("__type__").GetString().Should().Be("TestrunResult");
        root.GetProperty("results_version").GetInt32().Should().Be(10);
        var totals = root.GetProperty("totals");
        totals.GetProperty("").GetRawText().Should().Be(totals.GetProperty("root").GetRawText());
        var tests = root.GetProperty("tests").EnumerateObject().ToList();
        tests.Should().NotBeEmpty();
        var sum = totals.GetProperty("root").EnumerateObject().Sum(p => p.Value.GetInt32());
        sum.Should().Be(tests.Count, "every test is counted once in the totals");
    }
}
