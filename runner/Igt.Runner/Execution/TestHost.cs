using System.Diagnostics;
using System.Text;

namespace Igt.Runner.Execution;

/// <summary>
/// One test host: <c>dotnet test &lt;assembly&gt; --filter &lt;the batch&gt;</c>, with the runner's environment and xunit's
/// parallelism off, so it runs the batch's subtests one at a time. Its console output goes to hosts/host-N.log.
/// The runner learns what the host does from the journals, not from this output.
/// </summary>
public sealed class TestHost : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _log;
    private long _logLength;
    private bool _disposed;

    private TestHost(int id, List<JobState> jobs, Process process, StreamWriter log, string logPath, DateTime now)
    {
        Id = id;
        Jobs = jobs;
        Process = process;
        _log = log;
        LogPath = logPath;
        StartedAt = now;
        LastProgress = now;
    }

    public int Id { get; }

    public List<JobState> Jobs { get; }

    public Process Process { get; }

    public string LogPath { get; }

    public DateTime StartedAt { get; }

    /// <summary>Last time a test of this host started or ended, or its output grew.</summary>
    public DateTime LastProgress { get; set; }

    /// <summary>The subtest running now (started, not ended).</summary>
    public JobState? Current { get; set; }

    /// <summary>Set when the runner killed the host because of this job (a timeout).</summary>
    public (JobState Job, string Reason, string Note)? TimeoutKill { get; set; }

    /// <summary>Set when the runner killed the host for a reason that blames no test (stop, interrupt, stall).</summary>
    public string? StopKill { get; set; }

    public bool KillRequested { get; private set; }

    public bool HasExited => Process.HasExited;

    public static TestHost Start(int id, List<JobState> jobs, IReadOnlyDictionary<string, string> env, string logDir, DateTime now)
    {
        var source = jobs[0].Job.Source;
        var psi = new ProcessStartInfo(Discovery.DotnetCli.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(source)!,
        };
        psi.ArgumentList.Add("test");
        psi.ArgumentList.Add(source);
        psi.ArgumentList.Add("--filter");
        psi.ArgumentList.Add(Filter(jobs.Select(j => j.Job.Name)));
        psi.ArgumentList.Add("--");
        psi.ArgumentList.Add("xUnit.ParallelizeTestCollections=false");
        psi.ArgumentList.Add("xUnit.ParallelizeAssembly=false");
        psi.ArgumentList.Add("xUnit.MaxParallelThreads=1");
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
            psi.Environment.Remove(name);
        foreach (var (k, v) in env)
            psi.Environment[k] = v;

        Directory.CreateDirectory(logDir);
        var logPath = Path.Combine(logDir, $"host-{id}.log");
        var log = new StreamWriter(logPath, append: false, new UTF8Encoding(false)) { AutoFlush = true };
        log.WriteLine($"# {psi.FileName} {string.Join(' ', psi.ArgumentList.Select(Quote))}");
        log.WriteLine($"# tests: {string.Join(' ', jobs.Select(j => j.Job.Name))}");
        var process = new Process { StartInfo = psi };
        var host = new TestHost(id, jobs, process, log, logPath, now);
        process.OutputDataReceived += (_, e) => host.Log(e.Data);
        process.ErrorDataReceived += (_, e) => host.Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The vstest filter selecting exactly these display names.</summary>
    public static string Filter(IEnumerable<string> names) => string.Join('|', names.Select(n => "DisplayName=" + Escape(n)));

    public long LogLength
    {
        get
        {
            lock (_gate)
                return _logLength;
        }
    }

    /// <summary>Kills dotnet test, vstest.console and the test host at once.</summary>
    public void Kill()
    {
        KillRequested = true;
        try
        {
            Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Raced with its exit.
        }
    }

    /// <summary>What the platform said about a host that died: from "The active test run was aborted" on.</summary>
    public string CrashExcerpt(int maxLines = 40)
    {
        string[] lines;
        lock (_gate)
        {
            _log.Flush();
            lines = ReadLog();
        }
        var at = Array.FindIndex(lines, l => l.Contains("test run was aborted", StringComparison.OrdinalIgnoreCase)
            || l.Contains("Test host process crashed", StringComparison.OrdinalIgnoreCase));
        var from = at >= 0 ? at : Math.Max(0, lines.Length - 20);
        return string.Join('\n', lines.Skip(from).Take(maxLines)).Trim();
    }

    public int ExitCode => Process.HasExited ? Process.ExitCode : -1;

    public void Dispose()
    {
        Process.WaitForExit(2000);
        lock (_gate)
        {
            _disposed = true;
            _log.Dispose();
        }
        Process.Dispose();
    }

    private string[] ReadLog()
    {
        using var fs = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(fs);
        return reader.ReadToEnd().Split('\n').Where(l => !l.StartsWith('#')).ToArray();
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            if (_disposed)
                return;
            _log.WriteLine(line);
            _logLength += line.Length + 1;
        }
    }

    private static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Quote(string a) => a.Contains(' ', StringComparison.Ordinal) || a.Contains('|', StringComparison.Ordinal) ? $"'{a}'" : a;
}
