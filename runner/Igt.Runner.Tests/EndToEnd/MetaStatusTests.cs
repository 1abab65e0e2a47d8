using Igt.Runner.Settings;
using Igt.Runner.Tests.Support;
using static Igt.Runner.Tests.EndToEnd.E2e;

namespace Igt.Runner.Tests.EndToEnd;

/// <summary>
/// igt-runner runs tests/Meta's deliberately misbehaving subtests through the test platform, and each lands in its
/// status: pass, fail, warn, skip, dmesg rules, crash in the test and of the host, timeouts, taint and aborts.
/// </summary>
[Collection("end-to-end statuses")]
public sealed class MetaStatusTests
{
    [Fact]
    public void Each_meta_subtest_lands_in_its_status()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var (exit, stdout, _) = RunnerProcess.Run(Limit, MetaWithSanity(dir,
            "-t", "@(pass|fail|warn|skip|dmesg-pass|dmesg-warn|dmesg-fail|crash|host-crash|hang)$",
            "--per-test-timeout", "3", "--jobs", "2", "--seed", "0x2a"));

        exit.Should().Be(1, stdout);
        Statuses(dir).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["igt@runner_meta@pass"] = "pass",
            ["igt@runner_meta@fail"] = "fail",
            ["igt@runner_meta@warn"] = "warn",
            ["igt@runner_meta@skip"] = "skip",
            ["igt@runner_meta@dmesg-pass"] = "pass",
            ["igt@runner_meta@dmesg-warn"] = "dmesg-warn",
            ["igt@runner_meta@dmesg-fail"] = "dmesg-fail",
            ["igt@runner_meta@crash"] = "crash",
            ["igt@runner_meta@host-crash"] = "crash",
            ["igt@runner_meta@hang"] = "timeout",
        }, stdout);

        var hang = Test(dir, "igt@runner_meta@hang");
        hang.GetProperty("out").GetString().Should().Contain("meta: hanging forever").And.Contain("per-test timeout of 3s exceeded");
        hang.GetProperty("dmesg").GetString().Should().Contain("meta: going to sleep");
        Test(dir, "igt@runner_meta@host-crash").GetProperty("err").GetString().Should().Contain("meta: deliberate test host crash");
        Test(dir, "igt@runner_meta@pass").GetProperty("out").GetString().Should().Contain("IGT_SEED=0x2a").And.Contain("IGT_PROFILE=ci");

        File.ReadAllText(Path.Combine(dir, "failures.csv")).Should().Contain("igt@runner_meta@hang,Timeout\n").And.NotContain(",Pass");
        File.ReadAllText(Path.Combine(dir, "junit.xml")).Should().Contain("<error type=\"timeout\"");
        stdout.Should().Contain("rerun: dotnet run --project runner/Igt.Runner -c Release -- run results/rerun -o --sanity none --test igt@runner_meta@fail --seed 0x2a")
            .And.Contain("igt-runner: 2 passed, 7 failed, 1 skipped");
        File.Exists(Path.Combine(dir, "runner.pid")).Should().BeFalse("the lock goes with the runner");
    }

    [Fact]
    public void Inactivity_timeout_kills_a_silent_test()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var (exit, stdout, _) = RunnerProcess.Run(Limit, "run", dir, "--assembly", TestPaths.MetaAssembly, "--sanity", "none",
            "--test", "igt@runner_meta@hang", "-e", "IGT_CI_META_TEST=1", "--per-test-timeout", "0", "--inactivity-timeout", "1.5");
        exit.Should().Be(1, stdout);
        Statuses(dir)["igt@runner_meta@hang"].Should().Be("timeout");
        Test(dir, "igt@runner_meta@hang").GetProperty("out").GetString().Should().Contain("inactivity timeout");
    }

    [Fact]
    public void A_bad_taint_aborts_the_run_and_the_rest_are_notrun()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var (exit, stdout, _) = RunnerProcess.Run(Limit, Meta(dir, "--test", "igt@runner_meta@taint", "--test", "igt@runner_meta@slow-1",
            "--test", "igt@runner_meta@slow-2", "--tests-per-host", "1", "--abort-on-monitored-error"));

        exit.Should().Be(1, stdout);
        Statuses(dir).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["igt@runner_meta@taint"] = "abort",
            ["igt@runner_meta@slow-1"] = "notrun",
            ["igt@runner_meta@slow-2"] = "notrun",
            ["igt@runner@aborted"] = "fail",
        }, stdout);
        Test(dir, "igt@runner@aborted").GetProperty("out").GetString().Should().Contain("Kernel badly tainted, 0x200 (TAINT_WARN)");
        File.ReadAllText(Path.Combine(dir, "junit.xml")).Should().Contain("<error type=\"abort\"").And.Contain("<skipped type=\"notrun\"");
    }

    [Fact]
    public void A_requested_abort_stops_the_run()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        var (exit, stdout, _) = RunnerProcess.Run(Limit, Meta(dir, "--test", "igt@runner_meta@abort", "--test", "igt@runner_meta@slow-1",
            "--tests-per-host", "1"));
        exit.Should().Be(1, stdout);
        var s = Statuses(dir);
        (s["igt@runner_meta@abort"], s["igt@runner_meta@slow-1"], s["igt@runner@aborted"]).Should().Be(("abort", "notrun", "fail"));
        Test(dir, "igt@runner@aborted").GetProperty("out").GetString().Should().Contain("requested an abort");
    }

    [Fact]
    public void A_sanity_test_that_does_not_pass_fails_the_run_loudly()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("run");
        // Without IGT_CI_META_TEST the sanity subtest skips: the "devices never probed".
        var (exit, stdout, _) = RunnerProcess.Run(Limit, "run", dir, "--assembly", TestPaths.MetaAssembly, "--sanity", "igt@runner_meta@pass",
            "--test", "igt@runner_meta@slow-1");
        exit.Should().Be(1, stdout);
        var s = Statuses(dir);
        (s["igt@runner_meta@pass"], s["igt@runner_meta@slow-1"], s["igt@runner@aborted"]).Should().Be(("skip", "notrun", "fail"));
        stdout.Should().Contain("sanity test igt@runner_meta@pass ended with skip");
    }
}
