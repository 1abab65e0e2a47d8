using System.Text.Json;
using Igt.Stress.Core;

namespace Igt.Runner.Tests.Repro;

/// <summary>
/// igt-runner repro: a missing or malformed finding, an unknown kind or target, and a finding that does not replay
/// each get one clear error line and a non-zero exit; a real finding replays, shrinks and writes a test.
/// </summary>
public sealed class ReproCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("igt-repro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void OneLineError((int Exit, string Out, string Err) r, int exit, string pattern)
    {
        r.Exit.Should().Be(exit, r.Err);
        r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Match(pattern);
    }

    private string Finding(FindingRecord r)
    {
        var d = Path.Combine(_dir, "f");
        Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(d, FindingStore.RecordFile), JsonSerializer.Serialize(r, FindingStore.Json));
        return d;
    }

    [Fact]
    public void Missing_directory() =>
        OneLineError(Run("repro", Path.Combine(_dir, "nope")), 2, "igt-runner: error: finding directory not found: *nope");

    [Fact]
    public void Missing_record()
    {
        OneLineError(Run("repro", _dir), 2, "igt-runner: error: no finding.json in *");
    }

    [Fact]
    public void Malformed_record()
    {
        File.WriteAllText(Path.Combine(_dir, FindingStore.RecordFile), "{ \"kind\": \"stress\", ");
        OneLineError(Run("repro", _dir), 2, "igt-runner: error: malformed *finding.json: *");
        File.WriteAllText(Path.Combine(_dir, FindingStore.RecordFile), "{ \"kind\": \"stress\" }");
        OneLineError(Run("repro", _dir), 2, "igt-runner: error: malformed *finding.json: kind, target, title*required");
    }

    [Fact]
    public void Unknown_kind_and_target()
    {
        var d = Finding(new FindingRecord("chaos", "panfrost-mixed", 1, [], "x", 3, "ci"));
        OneLineError(Run("repro", d), 2, "igt-runner: error: no reproducer for finding kind 'chaos'*");
        d = Finding(new FindingRecord("stress", "nouveau-mixed", 1, [], "x", 3, "ci"));
        OneLineError(Run("repro", d), 2, "igt-runner: error: cannot replay *: no stress workload 'nouveau-mixed'*");
    }

    [Fact]
    public void A_finding_that_does_not_replay_is_an_error_not_a_test()
    {
        // Seed 1 of panfrost-mixed runs its first 5 operations clean: the recorded title cannot come back.
        var d = Finding(new FindingRecord("stress", "panfrost-mixed", 1, [], "stress: BO contents mismatch (panfrost)", 5, "ci"));
        var r = Run("repro", d);
        OneLineError(r, 1, "igt-runner: error: replay of * did not reproduce \"stress: BO contents mismatch (panfrost)\": got nothing");
        File.Exists(Path.Combine(d, "Repro.cs")).Should().BeFalse("nothing is written for a finding that does not replay");
    }

    [Fact]
    public void Replays_shrinks_and_writes_the_test()
    {
        // LeakStaleContents: the first CreateBo of seed 1 already reads poisoned pages.
        var d = Finding(new FindingRecord("stress", "panfrost-mixed", 1, ["panfrost.LeakStaleContents"], "stress: new BO not zeroed (panfrost)", 2, "ci"));
        var output = Path.Combine(_dir, "Out.cs");
        var r = Run("repro", d, "-o", output);
        r.Exit.Should().Be(0, r.Err);
        r.Out.Should().MatchRegex(@"shrunk 2 -> 1 operations");
        var text = File.ReadAllText(output);
        text.Should().Contain("public sealed class StressReproPanfrostMixedLeakStaleContents(ITestOutputHelper output) : IgtTest(output)")
            .And.Contain("cfg.KnownBugs.Add(\"panfrost.LeakStaleContents\");").And.Contain("s.CreateBo(");
    }
}
