using System.Globalization;
using System.Text;

namespace Igt.Runner.Results;

/// <summary>
/// deqp-runner's CSV files: results.csv lists every test as <c>test,Status,seconds</c>; failures.csv lists the
/// tests that need attention as <c>test,Status</c> (the form a baseline of expected failures takes). No header.
/// </summary>
public static class ResultsCsvWriter
{
    public static string Results(RunResults run)
    {
        var sb = new StringBuilder();
        foreach (var t in run.Tests)
            sb.Append(CultureInfo.InvariantCulture, $"{t.Name},{t.Status.ToCsv()},{t.Duration:0.###}\n");
        return sb.ToString();
    }

    public static string Failures(RunResults run) =>
        string.Concat(run.Problems.Select(t => $"{t.Name},{t.Status.ToCsv()}\n"));
}
