using Igt.Runner.History;
using Igt.Runner.Tests.EndToEnd;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Expectations;

/// <summary>
/// `run --expectations DIR`: the runner judges its own results with deqp-runner's words at the end of the run, the
/// exit code follows the outcomes, drm-ci skips are not run, and bad files are refused before anything is written.
/// The runner_meta binary's driver is "runner" (its prefix), so its files are runner-none-*.txt.
/// </summary>
[Collection("end-to-end expectations")]
public sealed class RunExpectationsTests
{
    private static string[] RunMeta(string dir, string expectations, params string[] more) =>
        E2e.Meta(dir, ["--test", "igt@runner_meta@pass", "--test", "igt@runner_meta@fail", "--test", "igt@runner_meta@slow-1",
            "--expectations", expectations, .. more]);

    [Fact]
    public void Expected_failures_pass_the_run_and_skips_are_not_run()
    {
        using var tmp = new TempDir();
        var xfails = tmp.Combine("xfails");
        tmp.Write("xfails/runner-none-fails.txt", "# the meta failure is on purpose\nrunner_meta@fail,Fail\n");
        tmp.Write("xfails/runner-none-skips.txt", "# too slow for this job\nslow-1\n");
        var dir = tmp.Combine("results", "run");

        var (exit, stdout, _) = RunnerProcess.Run(E2e.Limit, RunMeta(dir, xfails));

        exit.Should().Be(0, stdout);
        stdout.Should().Contain("1 tests excluded by the skips files").And.Contain("Expectations: Pass 1, ExpectedFail 1")
            .And.Contain("every result is as");
        E2e.Statuses(dir).Should().NotContainKey("igt@runner_meta@slow-1").And.Contain("igt@runner_meta@fail", "fail");
        File.ReadAllText(Path.Combine(dir, "expectations.csv")).Should().Be("igt@runner_meta@fail,ExpectedFail\n");
        File.ReadAllText(Path.Combine(dir, "failures.csv")).Should().Contain("igt@runner_meta@fail,Fail", "results files keep IGT's statuses");

        // Recorded in the results root's history database by itself.
        using var db = new HistoryDb(tmp.Combine("results", HistoryDb.DefaultFileName));
        db.Runs().Select(r => r.Dir).Should().Equal(dir);
    }

    [Fact]
    public void An_unexpected_failure_or_improvement_fails_the_run()
    {
        using var tmp = new TempDir();
        var xfails = tmp.Combine("xfails");
        tmp.Write("xfails/runner-none-fails.txt", "runner_meta@pass,Fail\n");
        var dir = tmp.Combine("run");

        var (exit, stdout, _) = RunnerProcess.Run(E2e.Limit, RunMeta(dir, xfails, "--no-history"));

        exit.Should().Be(1, stdout);
        stdout.Should().Contain("UnexpectedImprovement(Fail)").And.MatchRegex(@"\n  Fail\s+igt@runner_meta@fail\n").And.Contain("2 results");
        File.Exists(Path.Combine(dir, "results.json")).Should().BeTrue();
        File.Exists(tmp.Combine(HistoryDb.DefaultFileName)).Should().BeFalse("--no-history");
    }

    [Fact]
    public void A_bad_expectations_file_is_refused_before_the_results_directory_is_touched()
    {
        using var tmp = new TempDir();
        tmp.Write("xfails/runner-none-flakes.txt", "runner_meta@fail\n");
        var dir = tmp.Combine("run");

        var (exit, _, stderr) = RunnerProcess.Run(E2e.Limit, RunMeta(dir, tmp.Combine("xfails")));

        exit.Should().Be(2);
        stderr.Should().StartWith("igt-runner: error: ").And.Contain("runner-none-flakes.txt");
        Directory.Exists(dir).Should().BeFalse();
    }

    [Fact]
    public void A_history_database_that_cannot_be_written_costs_one_warning_and_no_result()
    {
        using var tmp = new TempDir();
        var notAFile = Directory.CreateDirectory(tmp.Combine("db-is-a-directory")).FullName;
        var dir = tmp.Combine("run");

        var (exit, stdout, _) = RunnerProcess.Run(E2e.Limit, E2e.Meta(dir, "--test", "igt@runner_meta@pass", "--history", notAFile));

        exit.Should().Be(0, stdout);
        stdout.Split('\n').Where(l => l.StartsWith("igt-runner: warning:", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("not recorded in the history database").And.Contain(notAFile);
        E2e.Statuses(dir).Should().Equal(new Dictionary<string, string> { ["igt@runner_meta@pass"] = "pass" });
    }
}
