using System.Globalization;
using Igt.Runner.Dmesg;
using Igt.Runner.Selection;

namespace Igt.Runner.Settings;

/// <summary>
/// Everything that decides how a run executes and how its results read. Saved to metadata.txt (plus
/// environment.txt and dmesg-allow.txt) before the first test starts, so <c>resume</c> continues with the same
/// settings and <c>results</c> classifies with the same dmesg policy.
/// </summary>
public sealed record RunSettings
{
    /// <summary>The sanity test every run (and every shard) starts with unless <c>--sanity none</c>.</summary>
    public const string DefaultSanity = "igt@core_getversion@basic";

    public string Name { get; init; } = "";

    public ulong Seed { get; init; }

    public StressProfile Profile { get; init; } = StressProfile.Ci;

    public int Jobs { get; init; } = 1;

    public int TestsPerHost { get; init; } = 200;

    /// <summary>Zero: no limit.</summary>
    public TimeSpan PerTestTimeout { get; init; }

    public TimeSpan InactivityTimeout { get; init; }

    public TimeSpan OverallTimeout { get; init; }

    public int Repeat { get; init; } = 1;

    /// <summary>Zero: run the list <see cref="Repeat"/> times; otherwise loop over it until this much time has passed.</summary>
    public TimeSpan Duration { get; init; }

    public ShardSpec? Shard { get; init; }

    public ulong ShardSeed { get; init; }

    /// <summary>--abort-on-monitored-error=taint: a test that leaves a bad taint stops the run.</summary>
    public bool AbortOnTaint { get; init; }

    public DmesgPolicy Dmesg { get; init; } = DmesgPolicy.Default;

    /// <summary>Null: no sanity test (<c>--sanity none</c>).</summary>
    public string? Sanity { get; init; } = DefaultSanity;

    public string Configuration { get; init; } = "Release";

    public string? ArtifactsPath { get; init; }

    /// <summary>drm-ci expectation files judged at the end of the run (<c>run --expectations</c>; full path), or null.</summary>
    public string? ExpectationsDir { get; init; }

    /// <summary>The emulated GPU the run stands for (drm-ci's GPU_VERSION: expectation files, known-issue filters), or null.</summary>
    public string? Gpu { get; init; }

    /// <summary>The history database the run is recorded in: null the default (history.db in the results root), or "none".</summary>
    public string? History { get; init; }

    /// <summary>-e KEY=VALUE variables for the tests, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Iterations to plan: <see cref="Repeat"/>, or unbounded while a <see cref="Duration"/> runs.</summary>
    public int MaxIterations => Duration > TimeSpan.Zero ? int.MaxValue : Math.Max(1, Repeat);

    public IEnumerable<KeyValuePair<string, string>> ToMetadata()
    {
        yield return new("name", Name);
        yield return new("seed", Settings.Seed.Format(Seed));
        yield return new("profile", Profile.Name);
        yield return new("jobs", Jobs.ToString(CultureInfo.InvariantCulture));
        yield return new("tests_per_host", TestsPerHost.ToString(CultureInfo.InvariantCulture));
        yield return new("per_test_timeout", DurationParser.Format(PerTestTimeout));
        yield return new("inactivity_timeout", DurationParser.Format(InactivityTimeout));
        yield return new("overall_timeout", DurationParser.Format(OverallTimeout));
        yield return new("repeat", Repeat.ToString(CultureInfo.InvariantCulture));
        yield return new("duration", DurationParser.Format(Duration));
        yield return new("shard", Shard?.ToString() ?? "");
        yield return new("shard_seed", Settings.Seed.Format(ShardSeed));
        yield return new("abort_on_monitored_error", AbortOnTaint ? "taint" : "");
        yield return new("dmesg_warn_level", Dmesg.WarnLevel.ToString(CultureInfo.InvariantCulture));
        yield return new("piglit_style_dmesg", Dmesg.PiglitStyle ? "1" : "0");
        yield return new("sanity", Sanity ?? "none");
        yield return new("configuration", Configuration);
        yield return new("artifacts_path", ArtifactsPath ?? "");
        yield return new("expectations", ExpectationsDir ?? "");
        yield return new("gpu", Gpu ?? "");
        yield return new("history", History ?? "");
    }

    public string EnvironmentText() => string.Concat(Environment.Select(e => $"{e.Key}={e.Value}\n"));

    public string DmesgAllowText() => string.Concat(Dmesg.ExtraAllow.Select(p => p + "\n"));

    /// <summary>Reads the settings back from metadata.txt and its companion files (missing keys keep defaults).</summary>
    public static RunSettings FromMetadata(IReadOnlyDictionary<string, string> m, string environmentText, string allowText)
    {
        string Get(string key, string fallback) => m.TryGetValue(key, out var v) ? v : fallback;
        int Int(string key, int fallback) =>
            int.TryParse(Get(key, ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        TimeSpan Time(string key) => Get(key, "") is { Length: > 0 } t ? DurationParser.Parse(t, key) : TimeSpan.Zero;

        var shard = Get("shard", "");
        var env = environmentText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
        var allow = allowText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var sanity = Get("sanity", DefaultSanity);
        return new RunSettings
        {
            Name = Get("name", ""),
            Seed = Settings.Seed.Parse(Get("seed", "0"), "seed"),
            Profile = StressProfile.Parse(Get("profile", "ci")),
            Jobs = Math.Max(1, Int("jobs", 1)),
            TestsPerHost = Math.Max(1, Int("tests_per_host", 200)),
            PerTestTimeout = Time("per_test_timeout"),
            InactivityTimeout = Time("inactivity_timeout"),
            OverallTimeout = Time("overall_timeout"),
            Repeat = Math.Max(1, Int("repeat", 1)),
            Duration = Time("duration"),
            Shard = shard.Length > 0 ? ShardSpec.Parse(shard) : null,
            ShardSeed = Settings.Seed.Parse(Get("shard_seed", "0"), "shard_seed"),
            AbortOnTaint = Get("abort_on_monitored_error", "") == "taint",
            Dmesg = new DmesgPolicy(Int("dmesg_warn_level", DmesgPolicy.DefaultWarnLevel), Get("piglit_style_dmesg", "0") == "1", allow),
            Sanity = sanity == "none" ? null : sanity,
            Configuration = Get("configuration", "Release"),
            ArtifactsPath = Get("artifacts_path", "") is { Length: > 0 } a ? a : null,
            ExpectationsDir = Get("expectations", "") is { Length: > 0 } x ? x : null,
            Gpu = Get("gpu", "") is { Length: > 0 } g ? g : null,
            History = Get("history", "") is { Length: > 0 } h ? h : null,
            Environment = env,
        };
    }
}
