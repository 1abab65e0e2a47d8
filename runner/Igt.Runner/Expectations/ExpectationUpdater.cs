using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Igt.Runner.Report;
using Igt.Runner.Results;

namespace Igt.Runner.Expectations;

/// <summary>What <see cref="ExpectationUpdater"/> changed, one line per test.</summary>
public sealed record ExpectationChange(string File, string Test, string What);

/// <summary>
/// drm-ci's update-xfails.py rule over one run (its --repeat iterations are the retries): a failure identical in every
/// iteration goes to (or is updated in) fails; a result that differs between iterations goes to flakes, with the
/// required header to fill in; a test in fails that now passes is removed. The sanity test core_getversion is never
/// added. fails files are rewritten sorted and deleted when empty; flakes files only grow.
/// </summary>
public static class ExpectationUpdater
{
    public static IReadOnlyList<ExpectationChange> Update(RunResults run, string dir, string? gpu = null)
    {
        Directory.CreateDirectory(dir);
        var set = ExpectationSet.Load(dir, gpu);
        var changes = new List<ExpectationChange>();
        var linux = run.Uname.Split(' ').ElementAtOrDefault(2) ?? "unknown";
        foreach (var driverTests in run.Tests.Where(Eligible).GroupBy(t => DriverOf.Test(t.Name)))
        {
            var driver = driverTests.Key;
            var g = gpu ?? GpuOf(set, driver);
            var failsFile = Path.Combine(dir, new ExpectationFileName(driver, g, ExpectationKind.Fails).FileName);
            var flakesFile = Path.Combine(dir, new ExpectationFileName(driver, g, ExpectationKind.Flakes).FileName);
            var fails = File.Exists(failsFile) ? ExpectationParser.ParseFails(File.ReadAllText(failsFile), failsFile) : [];
            var newFlakes = new StringBuilder();
            foreach (var t in driverTests)
            {
                var bare = ExpectationSet.Bare(t.Name);
                var statuses = t.IterationStatuses.Count > 0 ? t.IterationStatuses : [t.Status];
                var failing = statuses.Where(s => !s.IsSuccess()).ToList();
                if (failing.Count == 0)
                {
                    if (fails.Remove(bare))
                        changes.Add(new(failsFile, bare, $"removed: now {t.Status.ToCsv()}"));
                    continue;
                }
                if (set.IsKnownFlake(t.Name))
                    continue;
                if (statuses.Distinct().Count() > 1)
                {
                    var rate = 100.0 * failing.Count / statuses.Count;
                    newFlakes.Append('\n').Append(FlakesHeader.Format("TODO: link the bug report", g, linux, $"igt-runner run {run.Name}",
                        rate.ToString("0", CultureInfo.InvariantCulture) + "%")).Append('^').Append(Regex.Escape(bare)).Append("$\n");
                    fails.Remove(bare);
                    changes.Add(new(flakesFile, bare, $"flake: {string.Join(' ', statuses.Select(s => s.ToCsv()))}"));
                    continue;
                }
                if (!fails.TryGetValue(bare, out var old) || old != t.Status)
                {
                    fails[bare] = t.Status;
                    changes.Add(new(failsFile, bare, $"fails: {t.Status.ToCsv()}"));
                }
            }
            WriteFails(failsFile, fails);
            if (newFlakes.Length > 0)
                File.AppendAllText(flakesFile, newFlakes.ToString());
        }
        return changes;
    }

    private static bool Eligible(TestResult t) =>
        t.Name != Selection.IgtName.RunnerAborted && !t.Name.StartsWith("igt@core_getversion@", StringComparison.Ordinal) && t.Status != TestStatus.NotRun;

    /// <summary>The driver's only GPU in the directory, else drm-ci's "none" (vkms-none-fails.txt).</summary>
    private static string GpuOf(ExpectationSet set, string driver)
    {
        var gpus = set.Files.Where(f => f.Driver == driver).Select(f => f.Gpu).Distinct().ToList();
        return gpus.Count == 1 ? gpus[0] : "none";
    }

    private static void WriteFails(string path, Dictionary<string, TestStatus> fails)
    {
        if (fails.Count == 0)
        {
            File.Delete(path);
            return;
        }
        File.WriteAllText(path, string.Concat(fails.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key},{kv.Value.ToCsv()}\n")));
    }
}
