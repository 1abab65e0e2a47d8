using Igt.Runner.Results;

namespace Igt.Runner.Tests.Results;

public sealed class TestStatusTests
{
    [Fact]
    public void Every_status_has_igt_and_csv_names_that_round_trip()
    {
        foreach (var s in Enum.GetValues<TestStatus>())
        {
            TestStatusExtensions.TryParseIgt(s.ToIgt(), out var back).Should().BeTrue();
            back.Should().Be(s);
            s.ToCsv().Should().MatchRegex("^[A-Z][A-Za-z]+$");
        }
        TestStatusExtensions.TotalsOrder.Should().BeEquivalentTo(Enum.GetValues<TestStatus>());
    }

    [Fact]
    public void Severity_follows_piglit()
    {
        var order = new[]
        {
            TestStatus.NotRun, TestStatus.Skip, TestStatus.Pass, TestStatus.Warn, TestStatus.DmesgWarn, TestStatus.Fail,
            TestStatus.DmesgFail, TestStatus.Timeout, TestStatus.Crash, TestStatus.Incomplete, TestStatus.Abort,
        };
        order.Select(s => s.Severity()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Only_pass_and_skip_need_no_attention()
    {
        Enum.GetValues<TestStatus>().Where(s => s.IsSuccess()).Should().BeEquivalentTo([TestStatus.Pass, TestStatus.Skip]);
    }
}
