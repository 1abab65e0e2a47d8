using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Igt.Runner.Execution;

/// <summary>
/// A runner killed with SIGKILL leaves its test hosts behind. They stop by themselves before their next subtest
/// (IGT_RUNNER_PID), but one may still be finishing a subtest, or be hung in one. Before resuming, the runner finds
/// them by their environment (IGT_RUNNER_DIR pointing into this results directory), lets them finish for a grace
/// period so the subtest they run keeps its result, and kills whatever is left. Linux only (/proc).
/// </summary>
public static class OrphanReaper
{
    public static int Reap(string resultsRoot, TimeSpan grace, Action<string> note)
    {
        var orphans = Find(resultsRoot);
        if (orphans.Count == 0)
            return 0;
        note($"{orphans.Count} test host processes of the previous runner are still alive; waiting up to {grace.TotalSeconds:0}s for them");
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && Find(resultsRoot).Count > 0)
            Thread.Sleep(100);
        var left = Find(resultsRoot);
        foreach (var pid in left)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Exited meanwhile.
            }
        }
        if (left.Count > 0)
            note($"killed {left.Count} leftover test host processes");
        return orphans.Count;
    }

    public static List<int> Find(string resultsRoot)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
            return found;
        var root = Path.GetFullPath(resultsRoot).TrimEnd('/');
        var exact = $"{Settings.RunnerEnvironment.RunnerDir}={root}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
                continue;
            try
            {
                var environ = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(dir, "environ")));
                if (environ.Split('\0').Any(v => v == exact || v.StartsWith(exact + "/iterations/", StringComparison.Ordinal)))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }
        return found;
    }
}
