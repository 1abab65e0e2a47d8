using System.Diagnostics;
using System.Text;

namespace Igt.Runner.Tests.Support;

/// <summary>Runs igt-runner as its own process, as a person or CI would (so it can also be killed with SIGKILL).</summary>
public sealed class RunnerProcess : IDisposable
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private RunnerProcess(Process p) => Process = p;

    public Process Process { get; }

    public string Stdout
    {
        get
        {
            lock (_out)
                return _out.ToString();
        }
    }

    public string Stderr
    {
        get
        {
            lock (_err)
                return _err.ToString();
        }
    }

    public static RunnerProcess Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(TestPaths.RunnerDll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        var p = new Process { StartInfo = psi };
        var r = new RunnerProcess(p);
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (r._out) r._out.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (r._err) r._err.Append(e.Data).Append('\n'); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return r;
    }

    /// <summary>Runs to the end (or fails the test after <paramref name="limit"/>) and returns the exit code.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(TimeSpan limit, params string[] args)
    {
        using var r = Start(args);
        if (!r.Process.WaitForExit(limit))
        {
            r.Process.Kill(entireProcessTree: true);
            throw new TimeoutException($"igt-runner {string.Join(' ', args)} did not finish in {limit}:\n{r.Stdout}\n{r.Stderr}");
        }
        r.Process.WaitForExit();
        return (r.Process.ExitCode, r.Stdout, r.Stderr);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
            Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
