using System.Globalization;
using Igt.Runner.Dmesg;
using Igt.Runner.Execution;
using Igt.Runner.Selection;
using Igt.Runner.Settings;

namespace Igt.Runner.Results;

/// <summary>
/// Rebuilds a run's results from its directory alone (igt_results): the job list says which tests belong to the
/// run (those without a folder are notrun), the folders say what happened, aborted.txt adds igt@runner@aborted.
/// A test with folders in several iterations reports its worst iteration.
/// </summary>
public static class ResultsBuilder
{
    public static RunResults Build(ResultsLayout layout)
    {
        var metadata = MetadataFile.Parse(TextFiles.ReadShared(layout.Metadata));
        var settings = RunSettings.FromMetadata(metadata, TextFiles.ReadShared(layout.Environment), TextFiles.ReadShared(layout.DmesgAllow));
        var classifier = new TestClassifier(new DmesgClassifier(settings.Dmesg));
        var seeded = metadata.ContainsKey("seed");

        var names = JobList.ReadNames(layout).ToList();
        var known = new HashSet<string>(names, StringComparer.Ordinal);
        var iterations = layout.IterationsOnDisk();
        foreach (var extra in iterations.SelectMany(layout.TestNamesOnDisk).Distinct().Order(StringComparer.Ordinal))
        {
            if (known.Add(extra))
                names.Add(extra);
        }

        var tests = new List<TestResult>();
        foreach (var name in names)
        {
            var runs = new List<TestResult>();
            foreach (var k in iterations)
            {
                var dir = layout.TestDir(k, name);
                if (k == 1 || Directory.Exists(dir))
                {
                    runs.Add(classifier.Classify(name, dir) with
                    {
                        Iteration = k,
                        Seed = seeded ? Seed.ForIteration(settings.Seed, k) : null,
                    });
                }
            }
            tests.Add(Combine(runs));
        }

        var abort = File.Exists(layout.Aborted) ? TextFiles.ReadShared(layout.Aborted) : null;
        if (abort is not null)
            tests.Add(new TestResult { Name = IgtName.RunnerAborted, Status = TestStatus.Fail, Out = abort, IterationStatuses = [TestStatus.Fail] });

        return new RunResults
        {
            Name = metadata.TryGetValue("name", out var n) && n.Length > 0 ? n : Path.GetFileName(layout.Root),
            Uname = TextFiles.ReadShared(layout.Uname).Trim(),
            Cmdline = TextFiles.ReadShared(layout.Cmdline).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            StartTime = ReadTime(layout.StartTime),
            EndTime = ReadTime(layout.EndTime),
            Tests = tests,
            AbortReason = abort,
            Metadata = metadata,
        };
    }

    /// <summary>The worst iteration speaks for the test; the others are summarised in front of its output.</summary>
    private static TestResult Combine(List<TestResult> runs)
    {
        if (runs.Count == 1)
            return runs[0];
        var worst = runs.OrderByDescending(r => r.Status.Severity()).ThenBy(r => r.Iteration).First();
        var statuses = runs.Select(r => r.Status).ToList();
        var counts = string.Join(", ", statuses.GroupBy(s => s).OrderByDescending(g => g.Key.Severity()).Select(g => $"{g.Key.ToIgt()} {g.Count()}"));
        var seed = worst.Seed is { } s ? $" (IGT_SEED={Seed.Format(s)})" : "";
        var header = $"runner: ran {runs.Count} times: {counts}; details from iteration {worst.Iteration}{seed}\n";
        return worst with
        {
            Out = header + worst.Out,
            Duration = runs.Sum(r => r.Duration),
            IterationStatuses = statuses,
        };
    }

    private static double ReadTime(string path) =>
        double.TryParse(TextFiles.ReadShared(path).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : 0;
}
