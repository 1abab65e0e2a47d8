using Igt.Runner.Results;

namespace Igt.Runner.History;

/// <summary>One letter per status, for the report's compact per-test history strips (10,000 tests x 30 runs stay small).</summary>
public static class StatusCodes
{
    public const char Absent = '-';

    public static char Of(TestStatus s) => s switch
    {
        TestStatus.Pass => 'p',
        TestStatus.Skip => 's',
        TestStatus.NotRun => 'n',
        TestStatus.Warn => 'w',
        TestStatus.DmesgWarn => 'W',
        TestStatus.Fail => 'f',
        TestStatus.DmesgFail => 'F',
        TestStatus.Timeout => 't',
        TestStatus.Crash => 'c',
        TestStatus.Incomplete => 'i',
        TestStatus.Abort => 'a',
        _ => 'i',
    };

    /// <summary>The letters and their IGT words, for the report's script.</summary>
    public static IEnumerable<(char Code, string Word)> Legend =>
        TestStatusExtensions.TotalsOrder.Select(s => (Of(s), s.ToIgt())).Append((Absent, "absent"));
}
