using System.Text.Json;
using Igt.Runner.Mutants;
using Igt.Runner.Tests.EndToEnd;
using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Mutants;

/// <summary>
/// `mutants` end to end on tests/Meta's pretend driver "meta": meta.Caught is caught by igt@runner_meta@known-bug,
/// meta.Uncaught only by the self-proving igt@runner_meta_known_bugs@proof, which mutant runs leave out: an error.
/// </summary>
[Collection("end-to-end mutants")]
public sealed class MutantsEndToEndTests
{
    private static string[] Mutants(string dir, params string[] more) =>
        ["mutants", dir, "--assembly", TestPaths.MetaAssembly, "--driver", "meta", "-t", "known", "-e", "IGT_CI_META_TEST=1", "--seed", "0x2a", .. more];

    [Fact]
    public async Task An_uncaught_bug_fails_the_command_and_the_report_shows_the_matrix()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("mutants");
        var (exit, stdout, stderr) = RunnerProcess.Run(E2e.Limit, Mutants(dir));

        exit.Should().Be(1, stdout + stderr);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("igt-runner: error: known bug meta.Uncaught is caught by no test");
        var file = JsonSerializer.Deserialize<MutantsFile>(File.ReadAllText(Path.Combine(dir, MutantsFile.FileName)))!;
        file.Bugs.Select(b => b.Bug).Should().Equal("meta.Caught", "meta.Uncaught");
        file.Bugs[0].CaughtBy.Should().Equal(new MutantCatch("igt@runner_meta@known-bug", "fail"));
        file.Bugs[1].CaughtBy.Should().BeEmpty("the *_known_bugs proof test fails under the bug but is left out of mutant runs");
        file.Bugs[0].Tests.Should().Be(1);
        E2e.Statuses(dir).Should().ContainKey("igt@runner_meta@known-bug").And.NotContainKey("igt@runner_meta_known_bugs@proof");
        E2e.Statuses(Path.Combine(dir, "mutants", "meta.Caught"))["igt@runner_meta@known-bug"].Should().Be("fail");
        stdout.Should().MatchRegex(@"meta\.Uncaught\s+1\s+NOT CAUGHT");

        var report = tmp.Combine("report.html");
        (await Program.RunAsync(["report", dir, "-o", report], TextWriter.Null, TextWriter.Null)).Should().Be(0);
        File.ReadAllText(report).Should().Contain("<section id=\"mutants\">").And.Contain("title=\"meta.Uncaught\"");
    }

    [Fact]
    public void A_bug_that_is_caught_exits_zero()
    {
        using var tmp = new TempDir();
        var (exit, stdout, stderr) = RunnerProcess.Run(E2e.Limit, Mutants(tmp.Combine("m"), "--bug", "meta.Caught"));

        exit.Should().Be(0, stdout + stderr);
        stdout.Should().Contain("[ 1/1] meta.Caught: 1 tests, caught by 1").And.Contain("Known bugs: 1, caught 1, uncaught 0");
    }

    [Fact]
    public void An_unknown_bug_is_a_usage_error()
    {
        using var tmp = new TempDir();
        var (exit, _, stderr) = RunnerProcess.Run(E2e.Limit, Mutants(tmp.Combine("m"), "--bug", "meta.Nope"));

        exit.Should().Be(2);
        stderr.Should().StartWith("igt-runner: error: --bug: unknown known bug 'meta.Nope'");
        Directory.Exists(tmp.Combine("m")).Should().BeFalse("bad input is rejected before anything is written");
    }
}
