using Igt.Runner.Tests.Support;

namespace Igt.Runner.Tests.Cli;

/// <summary>Bad input gets one clear line and exit code 2, and never touches results already written.</summary>
public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Program.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void OneLineUsageError((int Exit, string Out, string Err) r, string pattern)
    {
        r.Exit.Should().Be(2, r.Err);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().Match(pattern);
    }

    [Fact]
    public void Help_documents_the_exit_codes()
    {
        var r = Run("--help");
        r.Exit.Should().Be(0);
        r.Out.Should().Contain("Exit codes: 0").And.Contain("3 the overall timeout");
    }

    [Theory]
    [InlineData(new string[0], "igt-runner: error: *")]
    [InlineData(new[] { "run" }, "igt-runner: error: *")]
    [InlineData(new[] { "frobnicate" }, "igt-runner: error: *frobnicate*")]
    [InlineData(new[] { "run", "out", "--jobs", "many" }, "igt-runner: error: *many*")]
    public void Parse_errors(string[] args, string pattern)
    {
        OneLineUsageError(Run(args), pattern);
    }

    [Theory]
    [InlineData("--test-list", "/nonexistent/list.txt", "igt-runner: error: --test-list: file not found: /nonexistent/list.txt")]
    [InlineData("--blocklist", "/nonexistent/block.txt", "igt-runner: error: --blocklist: file not found: /nonexistent/block.txt")]
    [InlineData("--shard", "5/4", "igt-runner: error: --shard: '5/4' is not K/N*")]
    [InlineData("--profile", "weekly", "igt-runner: error: --profile: unknown profile 'weekly'*")]
    [InlineData("--jobs", "0", "igt-runner: error: --jobs must be at least 1")]
    [InlineData("--abort-on-monitored-error", "lockdep", "igt-runner: error: --abort-on-monitored-error: 'lockdep' is not monitored here*")]
    [InlineData("--dmesg-warn-level", "9", "igt-runner: error: --dmesg-warn-level: 9 is not a kernel log level*")]
    [InlineData("--duration", "soon", "igt-runner: error: --duration: cannot read duration 'soon'*")]
    [InlineData("--seed", "0xnope", "igt-runner: error: --seed: '0xnope' is not a seed*")]
    [InlineData("-t", "(unclosed", "igt-runner: error: --include-tests: bad regex*")]
    [InlineData("--test", "not-a-name", "igt-runner: error: --test: 'not-a-name' is not a test name*")]
    [InlineData("-e", "=x", "igt-runner: error: --environment: '=x' is not KEY=VALUE")]
    [InlineData("--stress-iterations", "0", "igt-runner: error: --stress-iterations must be a positive whole number")]
    [InlineData("--thrash-factor", "-1", "igt-runner: error: --thrash-factor must be a positive number")]
    [InlineData("--assembly", "/nonexistent/a.dll", "igt-runner: error: --assembly: file not found: /nonexistent/a.dll")]
    public void Bad_run_input(string option, string value, string pattern)
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("results");
        OneLineUsageError(Run("run", dir, option, value, "--no-build"), pattern);
        Directory.Exists(dir).Should().BeFalse("nothing is written before the input is known good");
    }

    [Fact]
    public void A_malformed_test_list_names_the_line()
    {
        using var tmp = new TempDir();
        var list = tmp.Write("list.txt", "igt@a@b\n# ok\nnot a test\n");
        OneLineUsageError(Run("run", tmp.Combine("r"), "--test-list", list), $"igt-runner: error: {list}:3: 'not a test' is not a test name*");
    }

    [Fact]
    public void Existing_results_are_never_overwritten_by_accident()
    {
        using var tmp = new TempDir();
        var dir = tmp.Combine("results");
        var marker = tmp.Write("results/metadata.txt", "name : precious\n");
        OneLineUsageError(Run("run", dir, "--assembly", "/nonexistent/a.dll"), "igt-runner: error: results directory * already exists (--overwrite replaces it, `resume` continues it)");
        OneLineUsageError(Run("run", dir, "-o", "--assembly", "/nonexistent/a.dll"), "igt-runner: error: --assembly: file not found*");
        File.ReadAllText(marker).Should().Be("name : precious\n");

        var other = tmp.Combine("notes");
        tmp.Write("notes/todo.txt", "mine\n");
        OneLineUsageError(Run("run", other, "-o"), "igt-runner: error: * is not empty and is not a results directory; refusing to overwrite it");
        File.Exists(tmp.Combine("notes", "todo.txt")).Should().BeTrue();
    }

    [SkippableFact]
    public void A_directory_a_live_runner_works_on_is_left_alone()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "the lock check reads /proc");
        using var tmp = new TempDir();
        var dir = tmp.Combine("results");
        tmp.Write("results/metadata.txt", "name : busy\n");
        using var other = System.Diagnostics.Process.Start("bash", ["-c", "exec -a igt-runner sleep 30"]);
        try
        {
            tmp.Write("results/runner.pid", other.Id + "\n");
            Thread.Sleep(200);
            OneLineUsageError(Run("run", dir, "-o", "--assembly", TestPaths.MetaAssembly), $"igt-runner: error: {dir} is in use by igt-runner pid {other.Id}");
            OneLineUsageError(Run("resume", dir), $"igt-runner: error: {dir} is in use by igt-runner pid {other.Id}");
            File.Exists(Path.Combine(dir, "metadata.txt")).Should().BeTrue();
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public void Resume_and_results_want_a_results_directory()
    {
        using var tmp = new TempDir();
        OneLineUsageError(Run("resume", tmp.Combine("nothing")), "igt-runner: error: * is not a results directory (no metadata.txt)");
        OneLineUsageError(Run("results", tmp.Path), "igt-runner: error: * is not a results directory (no metadata.txt)");
    }

    [Fact]
    public void Resume_refuses_a_results_directory_whose_assemblies_are_gone()
    {
        using var tmp = new TempDir();
        TempDir.Copy(Path.Combine(TestPaths.Scenarios, "taint-abort", "input"), tmp.Path);
        OneLineUsageError(Run("resume", tmp.Path), "igt-runner: error: test assembly /opt/igt/* (from sources.txt) is gone*");
        File.Exists(Path.Combine(tmp.Path, "results.json")).Should().BeFalse();
    }

    [Fact]
    public void Results_rebuilds_from_the_folders_with_a_summary()
    {
        using var tmp = new TempDir();
        TempDir.Copy(Path.Combine(TestPaths.Scenarios, "taint-abort", "input"), tmp.Path);
        var r = Run("results", tmp.Path);
        r.Exit.Should().Be(1, "the run was aborted");
        r.Out.Should().Contain("pass 1, fail 1, abort 1, notrun 2").And.Contain("Aborted: Kernel badly tainted")
            .And.Contain("igt-runner: 1 passed, 4 failed, 0 skipped")
            .And.Contain("--project tests/gem_exec/gem_exec.csproj");
        File.Exists(Path.Combine(tmp.Path, "results.json")).Should().BeTrue();
    }

    [Fact]
    public void An_unknown_test_name_is_a_usage_error()
    {
        using var tmp = new TempDir();
        var r = Run("run", tmp.Combine("r"), "--assembly", TestPaths.MetaAssembly, "--sanity", "none", "--test", "igt@runner_meta@passs");
        OneLineUsageError(r, "igt-runner: error: --test: unknown test igt@runner_meta@passs (the binary has: *");
    }
}
