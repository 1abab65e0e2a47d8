using Igt.Runner.Results;

namespace Igt.Runner.Tests.Results;

public sealed class JournalTests
{
    [Fact]
    public void Reads_start_exit_and_runner_lines()
    {
        var j = Journal.Parse("start 1700000000123 4242\nexit:pass (0.125s)\nrunner:abort (0.125s) kernel badly tainted\n");
        j.StartUnixMs.Should().Be(1700000000123);
        j.Pid.Should().Be(4242);
        j.ExitWord.Should().Be("pass");
        j.ExitSeconds.Should().Be(0.125);
        j.RunnerWord.Should().Be("abort");
        j.RunnerReason.Should().Be("kernel badly tainted");
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_ignored()
    {
        var j = Journal.Parse("start 1700000000123 4242\nexit:pa");
        j.Started.Should().BeTrue();
        j.Exited.Should().BeFalse();
    }

    [Fact]
    public void Runner_line_round_trips()
    {
        var line = Journal.RunnerLine(TestStatus.Timeout, TimeSpan.FromSeconds(3.5), "per-test timeout of 3s exceeded");
        line.Should().Be("runner:timeout (3.500s) per-test timeout of 3s exceeded\n");
        Journal.Parse(line).RunnerSeconds.Should().Be(3.5);
    }

    [Fact]
    public void The_fixture_format_is_what_the_runner_reads()
    {
        // RunnerJournal (fixtures) writes these exact shapes; see docs/runner.md.
        var j = Journal.Parse("start 1795272727371 4957\nexit:dmesg-fail (0.041s)\n");
        j.ExitWord.Should().Be("dmesg-fail");
        TestStatusExtensions.TryParseIgt(j.ExitWord!, out var s).Should().BeTrue();
        s.Should().Be(TestStatus.DmesgFail);
    }
}
