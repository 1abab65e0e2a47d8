using System.Text.Json;
using System.Text.Json.Serialization;

namespace Igt.Runner.Mutants;

/// <summary>A test that caught a bug and the status it had with the bug on.</summary>
public sealed record MutantCatch(
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("status")] string Status);

/// <summary>One known bug's run: where its results are, how many tests ran, which caught it.</summary>
public sealed record MutantResult
{
    [JsonPropertyName("bug")] public required string Bug { get; init; }

    [JsonPropertyName("driver")] public required string Driver { get; init; }

    /// <summary>The test assemblies it ran against (file names).</summary>
    [JsonPropertyName("scope")] public IReadOnlyList<string> Scope { get; init; } = [];

    /// <summary>Its results directory, relative to the clean run's.</summary>
    [JsonPropertyName("dir")] public string Dir { get; init; } = "";

    [JsonPropertyName("tests")] public int Tests { get; init; }

    [JsonPropertyName("seconds")] public double Seconds { get; init; }

    [JsonPropertyName("caught_by")] public IReadOnlyList<MutantCatch> CaughtBy { get; init; } = [];

    /// <summary>Why the bug's run could not be judged (the runner failed), or null.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonIgnore] public bool Caught => CaughtBy.Count > 0 && Error is null;
}

/// <summary>
/// mutants.json, beside the clean run's results: which tests catch which known bug. The report shows it as a matrix.
/// </summary>
public sealed record MutantsFile
{
    public const string FileName = "mutants.json";
    public const int CurrentVersion = 1;

    [JsonPropertyName("version")] public int Version { get; init; } = CurrentVersion;

    [JsonPropertyName("created")] public string Created { get; init; } = "";

    [JsonPropertyName("seed")] public string Seed { get; init; } = "";

    [JsonPropertyName("wall_seconds")] public double WallSeconds { get; init; }

    /// <summary>Regexes of tests left out of every mutant run (the self-proving known-bug tests).</summary>
    [JsonPropertyName("excluded")] public IReadOnlyList<string> Excluded { get; init; } = [];

    [JsonPropertyName("clean_tests")] public int CleanTests { get; init; }

    /// <summary>Tests that fail without any bug: they cannot catch one.</summary>
    [JsonPropertyName("clean_failures")] public IReadOnlyList<MutantCatch> CleanFailures { get; init; } = [];

    [JsonPropertyName("interrupted")] public bool Interrupted { get; init; }

    [JsonPropertyName("bugs")] public IReadOnlyList<MutantResult> Bugs { get; init; } = [];

    [JsonIgnore] public IEnumerable<MutantResult> Uncaught => Bugs.Where(b => !b.Caught);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static MutantsFile Load(string path)
    {
        if (!File.Exists(path))
            throw new Settings.UsageException($"--mutants: {path} does not exist");
        try
        {
            return JsonSerializer.Deserialize<MutantsFile>(File.ReadAllText(path)) ?? throw new Settings.UsageException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new Settings.UsageException($"{path}: not a mutants file: {e.Message}");
        }
    }
}
