using Igt.Runner.Expectations;
using Igt.Runner.Results;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Expectations;

/// <summary>deqp-runner's outcome words from drm-ci files.</summary>
public sealed class ExpectationJudgeTests
{
    private const string FlakesText = """
        # Bug Report: https://example.invalid/bug/1
        # Board Name: g52
        # Linux Version: 6.9.0
        # IGT Version: 1.28
        # Failure Rate: 10
        panfrost_submit@flaky.*
        """;

    private static ExpectationSet Set(TempDir tmp)
    {
        tmp.Write("x/panfrost-g52-fails.txt", "panfrost_submit@expected,Fail\npanfrost_submit@fixed,Fail\nigt@panfrost_submit@changed,Fail\npanfrost_submit@better,Crash\n");
        tmp.Write("x/panfrost-g52-flakes.txt", FlakesText + "\n");
        tmp.Write("x/panfrost-g52-skips.txt", "# hangs the board\n.*@hang$\n");
        tmp.Write("x/etnaviv-gc7000-fails.txt", "panfrost_submit@expected-elsewhere,Fail\n");
        return ExpectationSet.Load(tmp.Combine("x"));
    }

    private static TestResult T(string sub, TestStatus s, params TestStatus[] iterations) =>
        new() { Name = "igt@panfrost_submit@" + sub, Status = s, IterationStatuses = iterations.Length > 0 ? iterations : [s] };

    [Theory]
    [InlineData("expected", TestStatus.Fail, "ExpectedFail")]
    [InlineData("fixed", TestStatus.Pass, "UnexpectedImprovement(Fail)")]
    [InlineData("changed", TestStatus.Crash, "Crash")]
    [InlineData("better", TestStatus.Fail, "UnexpectedImprovement(Crash)")]
    [InlineData("flaky-one", TestStatus.Timeout, "KnownFlake")]
    [InlineData("new-failure", TestStatus.DmesgWarn, "DmesgWarn")]
    [InlineData("expected-elsewhere", TestStatus.Fail, "Fail")]
    [InlineData("never-ran", TestStatus.NotRun, "Missing")]
    [InlineData("hang", TestStatus.NotRun, "Skip")]
    [InlineData("fine", TestStatus.Pass, "Pass")]
    public void Outcome_words(string sub, TestStatus status, string word)
    {
        using var tmp = new TempDir();
        ExpectationJudge.Judge(T(sub, status), Set(tmp)).Word.Should().Be(word);
    }

    [Fact]
    public void A_failure_that_passed_on_another_iteration_is_a_flake_found_by_rerun()
    {
        using var tmp = new TempDir();
        var o = ExpectationJudge.Judge(T("sometimes", TestStatus.Fail, TestStatus.Pass, TestStatus.Fail), Set(tmp));

        o.Word.Should().Be("Flake");
        o.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void Improvements_missing_tests_and_new_failures_fail_the_job()
    {
        using var tmp = new TempDir();
        var set = Set(tmp);

        ExpectationJudge.Judge(T("fixed", TestStatus.Pass), set).IsSuccess.Should().BeFalse();
        ExpectationJudge.Judge(T("never-ran", TestStatus.NotRun), set).IsSuccess.Should().BeFalse();
        ExpectationJudge.Judge(T("expected", TestStatus.Fail), set).IsSuccess.Should().BeTrue();
    }
}
