using Igt.Runner.Results;

namespace Igt.Runner.Expectations;

/// <summary>
/// Applies an <see cref="ExpectationSet"/> to a run the way deqp-runner does with <c>--baseline/--flakes/--skips</c>.
/// </summary>
public static class ExpectationJudge
{
    public static IReadOnlyList<RunnerOutcome> Judge(RunResults run, ExpectationSet set) =>
        run.Tests.Select(t => Judge(t, set)).ToList();

    public static RunnerOutcome Judge(TestResult t, ExpectationSet set)
    {
        var expected = set.ExpectedFailure(t.Name);
        if (t.Status == TestStatus.NotRun)
            return new(t.Name, set.IsSkipped(t.Name) ? OutcomeKind.Skip : OutcomeKind.Missing, t.Status);
        if (t.Status.IsSuccess() || t.Status == TestStatus.Warn)
        {
            if (expected is { } from && t.Status != TestStatus.Skip)
                return new(t.Name, OutcomeKind.UnexpectedImprovement, t.Status, from);
            return new(t.Name, t.Status switch { TestStatus.Pass => OutcomeKind.Pass, TestStatus.Skip => OutcomeKind.Skip, _ => OutcomeKind.Warn }, t.Status);
        }
        if (set.IsKnownFlake(t.Name))
            return new(t.Name, OutcomeKind.KnownFlake, t.Status);
        if (t.IterationStatuses.Count > 1 && t.IterationStatuses.Any(s => s == TestStatus.Pass))
            return new(t.Name, OutcomeKind.Flake, t.Status);
        if (expected is { } e)
        {
            if (e == t.Status)
                return new(t.Name, OutcomeKind.ExpectedFail, t.Status);
            if (t.Status.Severity() < e.Severity())
                return new(t.Name, OutcomeKind.UnexpectedImprovement, t.Status, e);
        }
        return new(t.Name, OutcomeKind.Fail, t.Status);
    }

    /// <summary>"Pass 40, ExpectedFail 2, UnexpectedImprovement(Fail) 1": counts of each word, in enum order.</summary>
    public static string Summary(IEnumerable<RunnerOutcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => o.Word).OrderBy(g => g.First().Kind).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
}
