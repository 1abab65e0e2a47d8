using System.Text.Json;

namespace Igt.Stress.Core;

/// <summary>
/// Findings on disk: one directory per title (deduplicated like syzbot: a second finding with the same title only
/// bumps its count), holding finding.json, ops.txt and, when the finder adds it, detail.txt.
/// </summary>
public static class FindingStore
{
    public const string RecordFile = "finding.json";
    public const string OpsFile = "ops.txt";
    public const string DetailFile = "detail.txt";
    public const string CountFile = "count.txt";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// IGT_FINDINGS_DIR, else <paramref name="fallback"/>, else the runner's results directory ($IGT_RUNNER_DIR/findings,
    /// so a nightly run's findings sit beside its results), else a directory under the temp dir.
    /// </summary>
    public static string Root(string? fallback = null) =>
        Environment.GetEnvironmentVariable("IGT_FINDINGS_DIR") is { Length: > 0 } env ? env
        : fallback is { Length: > 0 } ? fallback
        : Environment.GetEnvironmentVariable("IGT_RUNNER_DIR") is { Length: > 0 } runner ? Path.Combine(runner, "findings")
        : Path.Combine(Path.GetTempPath(), "igt-findings");

    /// <summary>
    /// Writes the finding under <paramref name="root"/> in the directory of its title, unless that title was found
    /// before (then the count goes up and the first record stays). Returns the finding's directory.
    /// </summary>
    public static string Write(string root, FindingRecord record, IEnumerable<string> ops, string? detail = null)
    {
        var dir = Path.Combine(root, DirName(record));
        Directory.CreateDirectory(dir);
        var countPath = Path.Combine(dir, CountFile);
        if (File.Exists(Path.Combine(dir, RecordFile)))
        {
            var n = File.Exists(countPath) && int.TryParse(File.ReadAllText(countPath).Trim(), out var c) ? c : 1;
            File.WriteAllText(countPath, $"{n + 1}\n");
            return dir;
        }
        File.WriteAllText(Path.Combine(dir, RecordFile), JsonSerializer.Serialize(record, Json) + "\n");
        File.WriteAllLines(Path.Combine(dir, OpsFile), ops.Select((o, i) => $"{i}: {o}"));
        if (detail is not null)
            File.WriteAllText(Path.Combine(dir, DetailFile), detail + "\n");
        File.WriteAllText(countPath, "1\n");
        return dir;
    }

    /// <summary>Reads &lt;dir&gt;/finding.json; throws <see cref="InvalidDataException"/> with a one-line reason.</summary>
    public static FindingRecord Read(string dir)
    {
        var path = Path.Combine(dir, RecordFile);
        if (!Directory.Exists(dir))
            throw new InvalidDataException($"finding directory not found: {dir}");
        if (!File.Exists(path))
            throw new InvalidDataException($"no {RecordFile} in {dir}");
        FindingRecord? r;
        try
        {
            r = JsonSerializer.Deserialize<FindingRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"malformed {path}: {e.Message.Split('\n')[0]}");
        }
        if (r is null || string.IsNullOrEmpty(r.Kind) || string.IsNullOrEmpty(r.Target) || r.Title is null || r.KnownBugs is null || r.OpCount < 0)
            throw new InvalidDataException($"malformed {path}: kind, target, title, knownBugs and opCount are required");
        return r;
    }

    /// <summary>A file-system-safe directory name from the title (the dedup key).</summary>
    public static string DirName(FindingRecord r)
    {
        var safe = new string(r.Title.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        while (safe.Contains("--", StringComparison.Ordinal))
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        safe = safe.Trim('-');
        if (safe.Length > 80)
            safe = safe[..80].TrimEnd('-');
        return $"{r.Kind}-{r.Target}-{safe}";
    }
}
