using System.Globalization;

namespace Igt.Runner.Results;

/// <summary>
/// Where things live in a results directory (docs/runner.md, "Results directory"):
/// <code>
/// metadata.txt environment.txt cmdline.txt joblist.txt sources.txt uname.txt starttime.txt endtime.txt
/// aborted.txt dmesg-allow.txt runner.pid hosts/ results.json results.csv failures.csv junit.xml
/// tests/&lt;igt-name&gt;/{journal,out,err,dmesg}.txt               iteration 1
/// iterations/&lt;k&gt;/tests/&lt;igt-name&gt;/...                       iteration k of --repeat/--duration
/// </code>
/// </summary>
public sealed class ResultsLayout(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Metadata => File("metadata.txt");

    public string Environment => File("environment.txt");

    public string Cmdline => File("cmdline.txt");

    public string JobList => File("joblist.txt");

    public string Sources => File("sources.txt");

    public string Uname => File("uname.txt");

    public string StartTime => File("starttime.txt");

    public string EndTime => File("endtime.txt");

    public string Aborted => File("aborted.txt");

    public string DmesgAllow => File("dmesg-allow.txt");

    public string Lock => File("runner.pid");

    public string HostLogs => File("hosts");

    public string ResultsJson => File("results.json");

    public string ResultsCsv => File("results.csv");

    public string FailuresCsv => File("failures.csv");

    public string JUnit => File("junit.xml");

    /// <summary>A results directory is recognised by its metadata.txt.</summary>
    public bool Exists => System.IO.File.Exists(Metadata);

    /// <summary>IGT_RUNNER_DIR for the test hosts of an iteration.</summary>
    public string IterationRoot(int iteration) =>
        iteration <= 1 ? Root : Path.Combine(Root, "iterations", iteration.ToString(CultureInfo.InvariantCulture));

    public string TestDir(int iteration, string name) => Path.Combine(IterationRoot(iteration), "tests", name);

    public string JournalOf(int iteration, string name) => Path.Combine(TestDir(iteration, name), "journal.txt");

    /// <summary>Iterations that have a folder on disk, in order (1 always counts).</summary>
    public IReadOnlyList<int> IterationsOnDisk()
    {
        var list = new List<int> { 1 };
        var dir = Path.Combine(Root, "iterations");
        if (Directory.Exists(dir))
        {
            list.AddRange(Directory.GetDirectories(dir)
                .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0)
                .Where(k => k > 1).Order());
        }
        return list;
    }

    /// <summary>Test folders of an iteration, by igt name.</summary>
    public IEnumerable<string> TestNamesOnDisk(int iteration)
    {
        var dir = Path.Combine(IterationRoot(iteration), "tests");
        return Directory.Exists(dir) ? Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : [];
    }

    private string File(string name) => Path.Combine(Root, name);
}
