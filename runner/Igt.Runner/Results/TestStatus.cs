namespace Igt.Runner.Results;

/// <summary>IGT's result statuses (runner/resultgen.c), nothing more and nothing less.</summary>
public enum TestStatus
{
    Pass,
    Fail,
    Skip,
    Crash,
    Timeout,
    Incomplete,
    Warn,
    DmesgWarn,
    DmesgFail,
    Abort,
    NotRun,
}
