using System.CommandLine;
using Igt.Runner.Cli;
using Igt.Runner.Report;
using Igt.Runner.Results;

namespace Igt.Runner.History;

/// <summary>
/// <c>history-record RUN [--db FILE]</c> stores a run; <c>history TEST [--db FILE]</c> shows the test across runs.
/// The default database is history.db in the results root: RUN's parent folder, or ./results for <c>history</c>.
/// </summary>
public static class HistoryCommands
{
    public static readonly Option<string> Db = new("--db") { Description = "The history database (default: history.db in the results root)", HelpName = "FILE" };

    public static string DefaultDbFor(string runDir) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runDir).TrimEnd('/')) ?? ".", HistoryDb.DefaultFileName);

    public static IEnumerable<Command> Build(TextWriter stdout, TextWriter stderr)
    {
        var runDir = new Argument<string>("results-dir") { Description = "The results directory to record" };
        var record = new Command("history-record", "Record a run in the history database");
        record.Arguments.Add(runDir);
        record.Options.Add(Db);
        record.SetAction((pr, _) => Commands.Guard(stderr, async () =>
        {
            var layout = ReportCommand.Open(pr.GetValue(runDir)!);
            var db = pr.GetValue(Db) ?? DefaultDbFor(layout.Root);
            using (var h = new HistoryDb(db))
                h.Record(ResultsBuilder.Build(layout), layout.Root);
            await stdout.WriteLineAsync($"igt-runner: recorded {layout.Root} in {db}");
            return ExitCodes.Ok;
        }));

        var test = new Argument<string>("test") { Description = "The test's igt name" };
        var history = new Command("history", "Show a test's status across the recorded runs, its regression window and flake rate");
        history.Arguments.Add(test);
        history.Options.Add(Db);
        history.SetAction((pr, _) => Commands.Guard(stderr, async () =>
        {
            var db = pr.GetValue(Db) ?? Path.Combine("results", HistoryDb.DefaultFileName);
            if (!File.Exists(db))
                throw new Settings.UsageException($"no history database at {db} (record runs with history-record)");
            using var h = new HistoryDb(db);
            var th = new TestHistory(pr.GetValue(test)!, h.Test(pr.GetValue(test)!));
            if (th.Runs.Count == 0)
                throw new Settings.UsageException($"{th.Test} is in no recorded run");
            var w = new StringWriter();
            th.Print(w);
            await stdout.WriteAsync(w.ToString());
            return ExitCodes.Ok;
        }));
        return [record, history];
    }
}
