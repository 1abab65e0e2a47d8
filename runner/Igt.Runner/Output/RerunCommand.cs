using System.Text;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Output;

/// <summary>
/// The command that reruns one test alone with the seed, profile and environment it ran with, from the
/// repository root. The test's machine seed derives from IGT_SEED and its name, so this replays it.
/// </summary>
public static class RerunCommand
{
    public static string For(TestResult test, RunSettings settings, string? project, string? assembly)
    {
        var sb = new StringBuilder(RunnerInfo.Invocation).Append(" run results/rerun -o --sanity none --test ").Append(Quote(test.Name));
        var seed = test.Seed ?? settings.Seed;
        sb.Append(" --seed ").Append(Seed.Format(seed));
        if (settings.Profile != StressProfile.Ci)
            sb.Append(" --profile ").Append(settings.Profile.Name);
        if (project is not null)
            sb.Append(" --project ").Append(Quote(project));
        else if (assembly is not null)
            sb.Append(" --assembly ").Append(Quote(assembly));
        foreach (var (k, v) in settings.Environment)
            sb.Append(" -e ").Append(Quote($"{k}={v}"));
        // A replay is not a run of the suite: keep it out of the history's pass rates.
        return sb.Append(" --no-history").ToString();
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "@_-./=:,+".Contains(c)) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
