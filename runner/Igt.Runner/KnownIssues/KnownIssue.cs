using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Igt.Runner.Report;
using Igt.Runner.Results;

namespace Igt.Runner.KnownIssues;

/// <summary>
/// One known issue (Intel CI Bug Log's issue + filter): a bug link and a conjunction of optional criteria, the test
/// name, its IGT statuses, its driver, its emulated GPU, and regexes over out, err and dmesg. An empty criterion
/// matches anything. A GPU criterion needs the run's GPU (<c>run --gpu</c>, metadata.txt); a run without one does not
/// satisfy it.
/// </summary>
public sealed class KnownIssue
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("url")] public required string Url { get; init; }

    [JsonPropertyName("title")] public string Title { get; init; } = "";

    [JsonPropertyName("test")] public string? Test { get; init; }

    [JsonPropertyName("statuses")] public List<string> Statuses { get; init; } = [];

    [JsonPropertyName("drivers")] public List<string> Drivers { get; init; } = [];

    /// <summary>"g52" (any driver's GPU of that name) or drm-ci's "panfrost-g52" (driver and GPU).</summary>
    [JsonPropertyName("gpus")] public List<string> Gpus { get; init; } = [];

    [JsonPropertyName("out")] public string? Out { get; init; }

    [JsonPropertyName("err")] public string? Err { get; init; }

    [JsonPropertyName("dmesg")] public string? Dmesg { get; init; }

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    // Names repeat across the runs of a history: the name/driver part is worked out once per name.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);

    /// <summary>Whether the issue's scope covers the test at all (name, driver, GPU), for the hit rate's denominator.</summary>
    public bool Covers(TestResult t, string? gpu = null) =>
        _names.GetOrAdd(t.Name, n =>
            (Test is null || Regex.IsMatch(n, Test, RegexOptions.None, Budget)) &&
            (Drivers.Count == 0 || Drivers.Contains(DriverOf.Test(n)))) &&
        CoversGpu(t.Name, gpu);

    private bool CoversGpu(string test, string? gpu)
    {
        if (Gpus.Count == 0)
            return true;
        if (string.IsNullOrEmpty(gpu))
            return false;
        var qualified = $"{DriverOf.Test(test)}-{gpu}";
        return Gpus.Any(g => g == gpu || g == qualified);
    }

    public bool Matches(TestResult t, string? gpu = null) =>
        Covers(t, gpu) &&
        (Statuses.Count == 0 || Statuses.Contains(t.Status.ToIgt())) &&
        (Out is null || Regex.IsMatch(t.Out, Out, RegexOptions.Multiline, Budget)) &&
        (Err is null || Regex.IsMatch(t.Err, Err, RegexOptions.Multiline, Budget)) &&
        (Dmesg is null || Regex.IsMatch(t.Dmesg, Dmesg, RegexOptions.Multiline, Budget));
}
