using System.Text;
using Igt.Runner.Cli;
using Igt.Runner.Results;

namespace Igt.Runner.Expectations;

/// <summary>
/// <c>run --expectations DIR</c>: the runner judges its own results against drm-ci files at the end of a run, as
/// deqp-runner does with --baseline/--flakes/--skips. The exit code then follows the outcomes (a failure that is
/// expected does not fail the run, an unexpected improvement does); the results are written before this runs.
/// </summary>
public static class RunExpectations
{
    public const string FileName = "expectations.csv";

    /// <summary>Judges, prints, writes expectations.csv and returns the exit code (the overall timeout's 3 stays).</summary>
    public static int Apply(ResultsLayout layout, RunResults run, ExpectationSet set, int exit, TextWriter stdout)
    {
        var outcomes = ExpectationJudge.Judge(run, set);
        ExpectationsSection.Print(stdout, outcomes);
        try
        {
            TextFiles.WriteAtomic(Path.Combine(layout.Root, FileName), Csv(outcomes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stdout.WriteLine($"igt-runner: warning: cannot write {FileName}: {e.Message}");
        }
        var unexpected = outcomes.Count(o => !o.IsSuccess);
        stdout.WriteLine(unexpected == 0
            ? $"igt-runner: every result is as {set.Directory} expects"
            : $"igt-runner: {unexpected} results {set.Directory} does not expect");
        if (exit == ExitCodes.OverallTimeout)
            return exit;
        var executed = run.Tests.Any(t => t.Status != TestStatus.NotRun);
        return unexpected > 0 || !executed ? ExitCodes.Failures : ExitCodes.Ok;
    }

    /// <summary>deqp-runner's failures form with its outcome words: every test whose outcome is not Pass or Skip.</summary>
    public static string Csv(IEnumerable<RunnerOutcome> outcomes)
    {
        var sb = new StringBuilder();
        foreach (var o in outcomes.Where(o => o.Kind is not (OutcomeKind.Pass or OutcomeKind.Skip)))
            sb.Append(o.Test).Append(',').Append(o.Word).Append('\n');
        return sb.ToString();
    }
}
