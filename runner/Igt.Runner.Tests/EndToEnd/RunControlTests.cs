using Igt.Runner.Settings;
using Igt.Runner.Tests.Support;
using static Igt.Runner.Tests.EndToEnd.E2e;

namespace Igt.Runner.Tests.EndToEnd;

/// <summary>
/// igt-runner's run control end to end: SIGKILL and resume, the overall timeout, repeat and seeds, shards and merge,
/// list and dry runs.
/// </summary>
[Collection("end-to-end run control")]
public sealed class RunControlTests
{
    [Fact]
    public void Killed_with_sigkill_then_resumed_loses_nothing()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var journals = Path.Combine(dir, "tests");
        using (var runner = RunnerProcess.Start(Meta(dir, "-t", "slow", "-e", "IGT_META_SLOW_MS=600")))
        {
            var deadline = DateTime.UtcNow + Limit;
            while (Finished(journals).Count < 3 && DateTime.UtcNow < deadline && !runner.Process.HasExited)
                Thread.Sleep(50);
            runner.Process.HasExited.Should().BeFalse("the run must still be going when it is killed");
            runner.Process.Kill(entireProcessTree: false);
            runner.Process.WaitForExit();
        }
        var before = Finished(journals);
        before.Should().HaveCountGreaterThanOrEqualTo(3);

        var (exit, stdout, _) = RunnerProcess.Run(Limit, "resume", dir, "--progress", "plain");

        exit.Should().Be(0, stdout);
        var statuses = Statuses(dir);
        statuses.Should().HaveCount(6).And.OnlyContain(p => p.Value == "pass");
        foreach (var (name, journal) in before)
            File.ReadAllText(Path.Combine(journals, name, "journal.txt")).Should().Be(journal, $"{name} finished before the kill and must not run again");
        Igt.Runner.Execution.OrphanReaper.Find(dir).Should().BeEmpty();
    }

    [Fact]
    public void Overall_timeout_stops_new_tests_exits_3_and_resume_finishes()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var (exit, stdout, _) = RunnerProcess.Run(Limit, Meta(dir, "-t", "slow-[12]", "--overall-timeout", "0.1"));
        exit.Should().Be(3, stdout);
        Statuses(dir).Values.Should().Contain("notrun");
        stdout.Should().Contain("overall timeout");

        // IGT's resume gives the full budget again; here the budget is lifted instead, or it would run out again.
        var (again, stdout2, _) = RunnerProcess.Run(Limit, "resume", dir, "--progress", "plain", "--overall-timeout", "0");
        again.Should().Be(0, stdout2);
        Statuses(dir).Values.Should().OnlyContain(s => s == "pass");
    }

    [Fact]
    public void Repeat_runs_each_iteration_with_its_own_seed()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var (exit, stdout, _) = RunnerProcess.Run(Limit, Meta(dir, "--test", "igt@runner_meta@pass", "--test", "igt@runner_meta@warn", "--repeat", "2", "--seed", "42", "--profile", "nightly",
            "--stress-iterations", "7"));
        exit.Should().Be(1, stdout);
        var second = File.ReadAllText(Path.Combine(dir, "iterations", "2", "tests", "igt@runner_meta@pass", "out.txt"));
        second.Should().Contain($"IGT_SEED={Seed.Format(Seed.ForIteration(42, 2))}").And.Contain("IGT_RUNNER_ITERATION=2")
            .And.Contain("IGT_PROFILE=nightly").And.Contain("IGT_STRESS_ITERATIONS=7");
        var warn = Test(dir, "igt@runner_meta@warn");
        warn.GetProperty("result").GetString().Should().Be("warn");
        warn.GetProperty("out").GetString().Should().StartWith("runner: ran 2 times: warn 2");
    }

    [Fact]
    public void Shards_merge_into_one_run()
    {
        using var tmp = new TempDir();
        string Shard(string k)
        {
            var dir = tmp.Combine("shard-" + k[0]);
            var (exit, stdout, _) = RunnerProcess.Run(Limit, MetaWithSanity(dir, "-t", "slow", "--shard", k, "-e", "IGT_META_SLOW_MS=10"));
            exit.Should().Be(0, stdout);
            return dir;
        }
        var a = Shard("1/2");
        var b = Shard("2/2");
        File.ReadAllLines(Path.Combine(a, "joblist.txt")).Intersect(File.ReadAllLines(Path.Combine(b, "joblist.txt")))
            .Should().Equal(["igt@runner_meta@pass"], "only the sanity test runs in both shards");

        var merged = tmp.Combine("merged");
        var (code, stdout2, _) = RunnerProcess.Run(Limit, "merge", merged, a, b);
        code.Should().Be(0, stdout2);
        Statuses(merged).Keys.Should().BeEquivalentTo(
            ["igt@runner_meta@pass", .. Enumerable.Range(1, 6).Select(i => $"igt@runner_meta@slow-{i}")]);
    }

    [Fact]
    public void List_and_dry_run_then_resume()
    {
        var (exit, listed, _) = RunnerProcess.Run(Limit, "list", "--assembly", TestPaths.MetaAssembly, "-t", "slow-[1-3]");
        exit.Should().Be(0);
        listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal("igt@runner_meta@slow-1", "igt@runner_meta@slow-2", "igt@runner_meta@slow-3");

        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var (dry, stdout, _) = RunnerProcess.Run(Limit, Meta(dir, "-t", "slow-1", "--dry-run"));
        dry.Should().Be(0, stdout);
        Directory.Exists(Path.Combine(dir, "tests")).Should().BeFalse("a dry run executes nothing");
        var (run, stdout2, _) = RunnerProcess.Run(Limit, "resume", dir);
        run.Should().Be(0, stdout2);
        Statuses(dir).Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("igt@runner_meta@slow-1", "pass"));
    }
}
