using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Igt.Runner.Report;
using Igt.Runner.Results;

namespace Igt.Runner.KnownIssues;

/// <summary>
/// One known issue (Intel CI Bug Log's issue + filter): a bug link and a conjunction of optional criteria, the test
/// name, its IGT statuses, its driver, and regexes over out, err and dmesg. An empty criterion matches anything.
/// </summary>
public sealed class KnownIssue
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("url")] public required string Url { get; init; }

    [JsonPropertyName("title")] public string Title { get; init; } = "";

    [JsonPropertyName("test")] public string? Test { get; init; }

    [JsonPropertyName("statuses")] public List<string> Statuses { get; init; } = [];

    [JsonPropertyName("drivers")] public List<string> Drivers { get; init; } = [];

    [JsonPropertyName("out")] public string? Out { get; init; }

    [JsonPropertyName("err")] public string? Err { get; init; }

    [JsonPropertyName("dmesg")] public string? Dmesg { get; init; }

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>Whether the issue's scope covers the test at all (name and driver), for the hit rate's denominator.</summary>
    public bool Covers(TestResult t) =>
        (Test is null || Regex.IsMatch(t.Name, Test, RegexOptions.None, Budget)) &&
        (Drivers.Count == 0 || Drivers.Contains(DriverOf.Test(t.Name)));

    public bool Matches(TestResult t) =>
        Covers(t) &&
        (Statuses.Count == 0 || Statuses.Contains(t.Status.ToIgt())) &&
        (Out is null || Regex.IsMatch(t.Out, Out, RegexOptions.Multiline, Budget)) &&
        (Err is null || Regex.IsMatch(t.Err, Err, RegexOptions.Multiline, Budget)) &&
        (Dmesg is null || Regex.IsMatch(t.Dmesg, Dmesg, RegexOptions.Multiline, Budget));
}
