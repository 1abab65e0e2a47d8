using System.Diagnostics;
using Igt.Runner.Report;
using Igt.Runner.Results;
using Xunit.Abstractions;

namespace Igt.Runner.Tests.Report;

/// <summary>
/// 10,000 results stay one page of bounded size (no per-test pages, details only for non-pass). The render time is
/// printed, not asserted (performance claims belong to bench/).
/// </summary>
public sealed class LargeReportTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_thousand_results_render_as_one_bounded_page()
    {
        var rng = new Random(1234);
        string[] binaries = ["panfrost_submit", "etnaviv_bo", "gem_exec_basic", "i915_query", "core_getversion"];
        var tests = Enumerable.Range(0, 10_000).Select(i =>
        {
            var failing = i % 10 == 0;
            return new TestResult
            {
                Name = $"igt@{binaries[i % binaries.Length]}@subtest-{i}",
                Status = failing ? TestStatus.Fail : i % 7 == 0 ? TestStatus.Skip : TestStatus.Pass,
                Duration = rng.NextDouble() * 3,
                Out = failing ? string.Join('\n', Enumerable.Range(0, 40).Select(l => $"line {l} of test {i} <&>")) : "",
                Err = failing ? "assertion failed: </script>" : "",
                Dmesg = failing ? "<4> [0.1] WARNING: x\n<6> [0.2] info\n" : "",
                DmesgWarnings = failing ? "<4> [0.1] WARNING: x\n" : "",
            };
        }).ToList();
        var run = new RunResults { Name = "big", Tests = tests };

        var clock = Stopwatch.StartNew();
        var html = HtmlReport.Render(run);
        clock.Stop();

        output.WriteLine($"10,000 results: {html.Length / 1024} KiB in {clock.ElapsedMilliseconds} ms");
        html.Split("<details class=\"fail\">").Length.Should().Be(1 + tests.Count(t => t.Status != TestStatus.Pass));
        html.Length.Should().BeLessThan(16 * 1024 * 1024, "10,000 results must stay one page of modest size");
    }
}
