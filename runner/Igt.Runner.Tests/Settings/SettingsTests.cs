using Igt.Runner.Dmesg;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Tests.Settings;

public sealed class SettingsTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("1.5", 1.5)]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    public void Durations(string text, double seconds)
    {
        DurationParser.Parse(text, "--duration").TotalSeconds.Should().Be(seconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("10 minutes")]
    [InlineData("h")]
    public void Bad_durations_are_usage_errors(string text)
    {
        var act = () => DurationParser.Parse(text, "--duration");
        act.Should().Throw<UsageException>().WithMessage("--duration: cannot read duration*");
    }

    [Fact]
    public void Seeds_parse_in_decimal_and_hex_and_print_in_hex()
    {
        Seed.Parse("42", "--seed").Should().Be(42UL);
        Seed.Parse("0x2A", "--seed").Should().Be(42UL);
        Seed.Format(42).Should().Be("0x2a");
        var act = () => Seed.Parse("0xzz", "--seed");
        act.Should().Throw<UsageException>();
    }

    [Fact]
    public void Iteration_seeds_differ_and_iteration_one_is_the_run_seed()
    {
        Seed.ForIteration(42, 1).Should().Be(42UL);
        var seeds = Enumerable.Range(1, 100).Select(k => Seed.ForIteration(42, k)).ToList();
        seeds.Should().OnlyHaveUniqueItems();
        Seed.ForIteration(42, 2).Should().Be(Seed.ForIteration(42, 2), "derivation is a pure function");
    }

    [Fact]
    public void Settings_round_trip_through_metadata()
    {
        var s = new RunSettings
        {
            Name = "nightly-1",
            Seed = 0xdeadbeef,
            Profile = StressProfile.Nightly,
            Jobs = 2,
            TestsPerHost = 17,
            PerTestTimeout = TimeSpan.FromSeconds(90),
            InactivityTimeout = TimeSpan.FromSeconds(30),
            OverallTimeout = TimeSpan.FromHours(1),
            Repeat = 3,
            Duration = TimeSpan.Zero,
            Shard = new ShardSpec(2, 5),
            ShardSeed = 7,
            AbortOnTaint = true,
            Dmesg = new DmesgPolicy(3, true, ["^a$", "b.*c"]),
            Sanity = null,
            Configuration = "Debug",
            ArtifactsPath = "/tmp/art",
            Environment = [new("IGT_CI_META_TEST", "1"), new("X", "a=b")],
        };
        var back = RunSettings.FromMetadata(MetadataFile.Parse(MetadataFile.Format(s.ToMetadata())), s.EnvironmentText(), s.DmesgAllowText());
        back.Should().BeEquivalentTo(s);
    }

    [Fact]
    public void The_host_environment_carries_profile_seed_and_forced_sizes_only()
    {
        var plain = RunnerEnvironment.ForHost(new RunSettings { Seed = 42, Profile = StressProfile.Nightly }, "/r/iterations/2", 2, 1234);
        plain[RunnerEnvironment.RunnerDir].Should().Be("/r/iterations/2");
        plain[RunnerEnvironment.RunnerPid].Should().Be("1234");
        plain[RunnerEnvironment.SeedVar].Should().Be(Seed.Format(Seed.ForIteration(42, 2)));
        plain[RunnerEnvironment.Profile].Should().Be("nightly");
        plain[RunnerEnvironment.Iteration].Should().Be("2");
        plain.Should().NotContainKey(RunnerEnvironment.StressIterations, "each test picks its own nightly size");

        var forced = RunnerEnvironment.ForHost(new RunSettings { Environment = [new("IGT_STRESS_ITERATIONS", "7"), new("IGT_SEED", "0x1")] }, "/r", 1, 1);
        forced[RunnerEnvironment.StressIterations].Should().Be("7");
        forced[RunnerEnvironment.SeedVar].Should().Be("0x1", "-e wins over the runner's own values");
    }
}
