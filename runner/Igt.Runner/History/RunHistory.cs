using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.History;

/// <summary>
/// <c>run</c> and <c>resume</c> record the run in the history database by themselves (default: history.db in the
/// results root; <c>--history FILE</c>; <c>--no-history</c>). Recording comes after the results are written, and a
/// failure to record is one warning line: it never costs a result or changes the exit code.
/// </summary>
public static class RunHistory
{
    public const string None = "none";

    public static string? DbFor(ResultsLayout layout, RunSettings settings) =>
        settings.History == None ? null : settings.History ?? HistoryCommands.DefaultDbFor(layout.Root);

    public static void Record(ResultsLayout layout, RunResults run, RunSettings settings, TextWriter stdout)
    {
        if (DbFor(layout, settings) is not { } db)
            return;
        try
        {
            using var h = new HistoryDb(db);
            h.Record(run, layout.Root, settings.Gpu);
            stdout.WriteLine($"History: recorded in {db}");
        }
        catch (Exception e)
        {
            // Best effort by design: the results directory is the record; the database can be filled later with history-record.
            var why = e.Message.Split('\n')[0].Trim();
            stdout.WriteLine($"igt-runner: warning: the run was not recorded in the history database {db}: {why} (history-record can add it later)");
        }
    }
}
