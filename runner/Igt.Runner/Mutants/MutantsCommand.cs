using System.CommandLine;
using Igt.Runner.Cli;
using Igt.Runner.Settings;

namespace Igt.Runner.Mutants;

/// <summary>
/// <c>mutants OUT [--driver D]... [--bug B]... [-j N]</c>: runs the suite against every known bug of every driver and
/// writes which tests catch which (see <see cref="MutantsRunner"/>). <c>--list</c> prints the bugs found and the
/// tests each would run against, without running.
/// </summary>
public static class MutantsCommand
{
    public static readonly Option<string[]> Driver = new("--driver")
    { Description = "Only the known bugs of this driver (repeatable)", HelpName = "DRIVER" };

    public static readonly Option<string[]> Bug = new("--bug")
    { Description = "Only this known bug: driver.Bug, or Bug when unique (repeatable)", HelpName = "BUG" };

    public static readonly Option<bool> ListBugs = new("--list")
    { Description = "Print the known bugs found and the tests each would run against; run nothing" };

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var outDir = new Argument<string>("results-dir")
        { Description = "Where the clean run goes (a results directory); the bug runs go to its mutants/ folder and the matrix to mutants.json" };
        var cmd = new Command("mutants",
            "Run the tests against every known bug (IGT_KNOWN_BUGS) and a clean run, and write which tests catch which bug; " +
            "exit 1 when a bug is caught by no test");
        cmd.Arguments.Add(outDir);
        foreach (var o in new Option[]
                 {
                     Driver, Bug, ListBugs, Options.Include, Options.Exclude, Options.Project, Options.Assembly, Options.NoBuild,
                     Options.Configuration, Options.ArtifactsPath, Options.Jobs, Options.TestsPerHost, Options.Seed, Options.PerTestTimeout,
                     Options.InactivityTimeout, Options.DmesgWarnLevel, Options.Env, Options.Overwrite,
                 })
            cmd.Options.Add(o);
        cmd.SetAction((pr, _) => Commands.Guard(stderr, () =>
        {
            var run = Commands.RunRequestFrom(pr, outDir, ["igt-runner", "mutants", .. pr.Tokens.Select(t => t.Value)]);
            var req = new MutantsRequest(run.ResultsDir, run.Settings, run.Selection, run.Sources,
                (pr.GetValue(Driver) ?? []).Select(d => d.ToLowerInvariant()).ToList(), pr.GetValue(Bug) ?? [],
                run.Overwrite, pr.GetValue(ListBugs), run.Cmdline);
            return MutantsRunner.RunAsync(req, stdout, stderr);
        }));
        return cmd;
    }
}
