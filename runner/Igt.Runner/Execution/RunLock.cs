using System.Diagnostics;
using System.Globalization;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Execution;

/// <summary>
/// runner.pid: one runner at a time per results directory. A lock left by a runner that died (even by SIGKILL) is
/// stale and taken over; a live igt-runner holding it is a usage error.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly string _path;

    private RunLock(string path) => _path = path;

    public static RunLock Acquire(ResultsLayout layout)
    {
        ThrowIfHeld(layout);
        TextFiles.WriteAtomic(layout.Lock, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new RunLock(layout.Lock);
    }

    /// <summary>A usage error when a live igt-runner works on the directory (checked before --overwrite deletes it).</summary>
    public static void ThrowIfHeld(ResultsLayout layout)
    {
        if (File.Exists(layout.Lock)
            && int.TryParse(File.ReadAllText(layout.Lock).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && pid != Environment.ProcessId && IsRunner(pid))
            throw new UsageException($"{layout.Root} is in use by igt-runner pid {pid}");
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // The directory went away (merge output, tests): nothing to release.
        }
    }

    private static bool IsRunner(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited)
                return false;
            var cmdline = $"/proc/{pid}/cmdline";
            return !File.Exists(cmdline) || File.ReadAllText(cmdline).Contains("igt-runner", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
