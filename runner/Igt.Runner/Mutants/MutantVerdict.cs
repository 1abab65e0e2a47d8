using Igt.Runner.Results;

namespace Igt.Runner.Mutants;

/// <summary>When a test catches a known bug: it fails with the bug on and did not fail without it.</summary>
public static class MutantVerdict
{
    /// <summary>Worse than pass and not merely "did not run": fail, warn, dmesg-*, timeout, crash, incomplete, abort.</summary>
    public static bool IsFailure(TestStatus s) => !s.IsSuccess() && s != TestStatus.NotRun;

    /// <summary>
    /// A test catches the bug when it fails under it and passed or skipped in the clean run. A test that fails clean
    /// proves nothing about the bug; one missing from the clean run has nothing to compare with.
    /// </summary>
    public static bool Catches(TestStatus? clean, TestStatus withBug) =>
        clean is { } c && c.IsSuccess() && IsFailure(withBug);
}
