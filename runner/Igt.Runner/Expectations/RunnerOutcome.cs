using Igt.Runner.Results;

namespace Igt.Runner.Expectations;

/// <summary>deqp-runner's runner-side verdicts (RunnerStatus) for a test judged against expectation files.</summary>
public enum OutcomeKind
{
    Pass,
    Skip,
    Warn,
    ExpectedFail,
    KnownFlake,
    /// <summary>Failed in one iteration and passed in another: found by re-run.</summary>
    Flake,
    /// <summary>Better than the fails file says (the old status is kept: deqp-runner's UnexpectedImprovement(from)).</summary>
    UnexpectedImprovement,
    Missing,
    /// <summary>A failure no expectation covers; the IGT status says which.</summary>
    Fail,
}

/// <summary>One test's verdict: its kind, the IGT status it had, and for an improvement the status it improved from.</summary>
public sealed record RunnerOutcome(string Test, OutcomeKind Kind, TestStatus Status, TestStatus? From = null)
{
    /// <summary>deqp-runner's is_success: these never fail a job.</summary>
    public bool IsSuccess => Kind is OutcomeKind.Pass or OutcomeKind.Skip or OutcomeKind.Warn or OutcomeKind.ExpectedFail
        or OutcomeKind.KnownFlake or OutcomeKind.Flake;

    /// <summary>The word as deqp-runner prints it: ExpectedFail, KnownFlake, Flake, UnexpectedImprovement(Fail), Missing, Crash...</summary>
    public string Word => Kind switch
    {
        OutcomeKind.UnexpectedImprovement => $"UnexpectedImprovement({From?.ToCsv()})",
        OutcomeKind.Fail => Status.ToCsv(),
        _ => Kind.ToString(),
    };
}
