namespace Igt.Runner.Cli;

/// <summary>The runner's exit codes (documented in --help and docs/runner.md).</summary>
public static class ExitCodes
{
    /// <summary>Every test passed or skipped.</summary>
    public const int Ok = 0;

    /// <summary>A test needs attention (anything worse than pass, or notrun), the run aborted, or it executed nothing.</summary>
    public const int Failures = 1;

    /// <summary>Bad usage or bad input: unknown option, missing file, malformed list, unknown test.</summary>
    public const int Usage = 2;

    /// <summary>The overall timeout stopped the run before every test ran.</summary>
    public const int OverallTimeout = 3;

    public const string Help =
        "Exit codes: 0 every test passed or skipped; 1 a test failed, warned, crashed, timed out, was incomplete or " +
        "notrun, the run aborted, or it executed no test; 2 bad usage or input (unknown option, missing file, malformed " +
        "list, unknown test); 3 the overall timeout stopped the run (resume continues it). With run --expectations, 1 means an " +
        "outcome the expectation files do not expect. mutants: 1 when a known bug is caught by no test.";
}
