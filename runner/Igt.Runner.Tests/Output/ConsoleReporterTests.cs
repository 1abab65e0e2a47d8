using Igt.Runner.Execution;
using Igt.Runner.Output;
using Igt.Runner.Results;

namespace Igt.Runner.Tests.Output;

public sealed class ConsoleReporterTests
{
    private static readonly Job A = new(1, "igt@a@one", "a.dll");
    private static readonly Job B = new(1, "igt@a@two", "a.dll");

    [Fact]
    public void Live_mode_redraws_one_line_and_prints_problems_above_it()
    {
        var w = new StringWriter();
        var r = new ConsoleReporter(w, live: true, total: 2);
        r.TestStarted(A);
        r.Tick();
        r.TestFinished(A, TestStatus.Pass, 0.1);
        r.TestStarted(B);
        r.Tick();
        r.TestFinished(B, TestStatus.Timeout, 3);
        r.Note("igt@a@two: per-test timeout of 3s exceeded");
        r.Finish();
        var text = w.ToString();
        text.Should().Contain("\r\x1b[2K[0/2] pass 0 fail 0 skip 0").And.Contain("| igt@a@one")
            .And.Contain("[2/2] timeout       3.00s  igt@a@two\n").And.Contain("igt-runner: igt@a@two: per-test timeout");
        text.Should().NotContain("igt@a@one\n", "a pass only moves the live line");
    }

    [Fact]
    public void Plain_mode_prints_a_line_per_test()
    {
        var w = new StringWriter();
        var r = new ConsoleReporter(w, live: false, total: null);
        r.TestStarted(A with { Iteration = 3 });
        r.TestFinished(A with { Iteration = 3 }, TestStatus.Pass, 0.25);
        r.Tick();
        w.ToString().Should().Be("[  1] pass          0.25s  igt@a@one (iteration 3)\n");
    }
}
