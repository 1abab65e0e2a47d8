using System.Text.RegularExpressions;
using Igt.Runner.Report;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Expectations;

/// <summary>
/// The expectation files of one directory, per driver. A test takes the files of its driver (<see cref="DriverOf"/>);
/// with a GPU given only that GPU's files count, otherwise every GPU of the driver. Names in the files may carry
/// IGT's <c>igt@</c> prefix or drop it as drm-ci's do (<c>panfrost_submit@pan-submit</c>); both match.
/// </summary>
public sealed class ExpectationSet
{
    private readonly Dictionary<string, Dictionary<string, TestStatus>> _fails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Regex>> _flakes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Regex>> _skips = new(StringComparer.Ordinal);

    public string Directory { get; }

    public IReadOnlyList<ExpectationFileName> Files { get; }

    private ExpectationSet(string directory, IReadOnlyList<ExpectationFileName> files)
    {
        Directory = directory;
        Files = files;
    }

    public static ExpectationSet Load(string dir, string? gpu = null)
    {
        if (!System.IO.Directory.Exists(dir))
            throw new UsageException($"--expectations: {dir} is not a directory");
        var files = System.IO.Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            .Select(ExpectationFileName.TryParse).OfType<ExpectationFileName>().Where(f => gpu is null || f.Gpu == gpu).ToList();
        var set = new ExpectationSet(Path.GetFullPath(dir), files);
        foreach (var f in files)
        {
            var path = Path.Combine(dir, f.FileName);
            var text = File.ReadAllText(path);
            switch (f.Kind)
            {
                case ExpectationKind.Fails:
                    var fails = Get(set._fails, f.Driver);
                    foreach (var (k, v) in ExpectationParser.ParseFails(text, path))
                        fails[Bare(k)] = v;
                    break;
                case ExpectationKind.Flakes:
                    Get(set._flakes, f.Driver).AddRange(ExpectationParser.ParseFlakes(text, path));
                    break;
                case ExpectationKind.Skips:
                    Get(set._skips, f.Driver).AddRange(ExpectationParser.ParseSkips(text, path));
                    break;
            }
        }
        return set;
    }

    /// <summary>The status the fails file expects for the test, or null.</summary>
    public TestStatus? ExpectedFailure(string test) =>
        _fails.TryGetValue(DriverOf.Test(test), out var f) && f.TryGetValue(Bare(test), out var s) ? s : null;

    public bool IsKnownFlake(string test) => Matches(_flakes, test);

    public bool IsSkipped(string test) => Matches(_skips, test);

    /// <summary>Every skips regex of every driver, for <c>run</c>'s exclusion list (a skip pattern names its own driver's tests).</summary>
    public IEnumerable<Regex> AllSkips => _skips.Values.SelectMany(r => r);

    private static bool Matches(Dictionary<string, List<Regex>> lists, string test) =>
        lists.TryGetValue(DriverOf.Test(test), out var l) && l.Any(r => r.IsMatch(Bare(test)) || r.IsMatch(test));

    public static string Bare(string test) => test.StartsWith(Selection.IgtName.Prefix, StringComparison.Ordinal) ? test[Selection.IgtName.Prefix.Length..] : test;

    private static TV Get<TV>(Dictionary<string, TV> d, string key) where TV : new()
    {
        if (!d.TryGetValue(key, out var v))
            d[key] = v = new TV();
        return v;
    }
}
