namespace Igt.Runner.Results;

/// <summary>Names, order and meaning of <see cref="TestStatus"/> in the formats the runner writes.</summary>
public static class TestStatusExtensions
{
    /// <summary>Every status, in the order results.json totals list them.</summary>
    public static readonly TestStatus[] TotalsOrder =
    [
        TestStatus.Pass, TestStatus.Fail, TestStatus.Crash, TestStatus.Skip, TestStatus.Timeout, TestStatus.Warn,
        TestStatus.DmesgWarn, TestStatus.DmesgFail, TestStatus.Incomplete, TestStatus.Abort, TestStatus.NotRun,
    ];

    /// <summary>The word IGT uses in results.json and journals.</summary>
    public static string ToIgt(this TestStatus status) => status switch
    {
        TestStatus.Pass => "pass",
        TestStatus.Fail => "fail",
        TestStatus.Skip => "skip",
        TestStatus.Crash => "crash",
        TestStatus.Timeout => "timeout",
        TestStatus.Incomplete => "incomplete",
        TestStatus.Warn => "warn",
        TestStatus.DmesgWarn => "dmesg-warn",
        TestStatus.DmesgFail => "dmesg-fail",
        TestStatus.Abort => "abort",
        TestStatus.NotRun => "notrun",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseIgt(string word, out TestStatus status)
    {
        foreach (var s in TotalsOrder)
        {
            if (s.ToIgt() == word)
            {
                status = s;
                return true;
            }
        }
        status = TestStatus.Incomplete;
        return false;
    }

    /// <summary>
    /// deqp-runner's spelling for results.csv and failures.csv. deqp-runner has no word for IGT's dmesg and abort
    /// results, so those keep IGT's meaning in CamelCase; a test that never ran is deqp-runner's "Missing".
    /// </summary>
    public static string ToCsv(this TestStatus status) => status switch
    {
        TestStatus.Pass => "Pass",
        TestStatus.Fail => "Fail",
        TestStatus.Skip => "Skip",
        TestStatus.Crash => "Crash",
        TestStatus.Timeout => "Timeout",
        TestStatus.Incomplete => "Incomplete",
        TestStatus.Warn => "Warn",
        TestStatus.DmesgWarn => "DmesgWarn",
        TestStatus.DmesgFail => "DmesgFail",
        TestStatus.Abort => "Abort",
        TestStatus.NotRun => "Missing",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>
    /// piglit's "worse than" order (framework/status.py): pass 0, warn 10, dmesg-warn 20, fail 30, dmesg-fail 40,
    /// timeout 50, crash 60, incomplete 100; abort ranks above incomplete. skip and notrun are "no result" and rank
    /// below pass so that any real result outranks them.
    /// </summary>
    public static int Severity(this TestStatus status) => status switch
    {
        TestStatus.NotRun => -20,
        TestStatus.Skip => -10,
        TestStatus.Pass => 0,
        TestStatus.Warn => 10,
        TestStatus.DmesgWarn => 20,
        TestStatus.Fail => 30,
        TestStatus.DmesgFail => 40,
        TestStatus.Timeout => 50,
        TestStatus.Crash => 60,
        TestStatus.Incomplete => 100,
        TestStatus.Abort => 110,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>
    /// A result that needs no one's attention. Everything worse than pass is a problem (piglit's "problems"
    /// page), warn included, and so is a test that should have run and did not.
    /// </summary>
    public static bool IsSuccess(this TestStatus status) => status is TestStatus.Pass or TestStatus.Skip;
}
