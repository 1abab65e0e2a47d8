using System.Diagnostics;
using System.Globalization;
using Igt.Runner.Execution;
using Igt.Runner.Results;

namespace Igt.Runner.Output;

/// <summary>
/// Progress on the console. On a terminal: one live line (done/total, pass/fail counts, ETA, the test running),
/// redrawn in place, with every problem printed above it as it happens. In CI logs (output redirected, or CI set):
/// one plain line per finished test, plus a heartbeat while a long test runs.
/// </summary>
public sealed class ConsoleReporter(TextWriter output, bool live, int? total) : IRunObserver
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(60);
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StatusTotals _counts = new();
    private readonly Dictionary<Job, TimeSpan> _running = [];
    private TimeSpan? _lastDraw;
    private TimeSpan _lastBeat;
    private bool _lineShown;
    private int _done;

    /// <summary>Live mode unless output is redirected, CI is set, or the terminal is dumb.</summary>
    public static bool DetectLive() =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or "");

    public void TestStarted(Job job)
    {
        lock (_gate)
            _running[job] = _clock.Elapsed;
    }

    public void TestFinished(Job job, TestStatus status, double seconds)
    {
        lock (_gate)
        {
            _running.Remove(job);
            _done++;
            _counts.Add(status);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"[{Progress()}] {status.ToIgt(),-10} {seconds,7:0.00}s  {Label(job)}");
            if (!live)
                output.WriteLine(line);
            else if (!status.IsSuccess())
                Print(line);
            _lastDraw = null;
        }
    }

    public void Note(string message)
    {
        lock (_gate)
            Print("igt-runner: " + message);
    }

    public void Tick()
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (live && (_lastDraw is not { } last || now - last >= Redraw))
            {
                _lastDraw = now;
                DrawLine();
            }
            else if (!live && now - _lastBeat >= Heartbeat && _running.Count > 0)
            {
                _lastBeat = now;
                foreach (var (job, since) in _running)
                    output.WriteLine($"[{Progress()}] running    {(now - since).TotalSeconds,7:0}s  {Label(job)}");
            }
        }
    }

    /// <summary>Clears the live line before the summary is printed.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_lineShown)
                output.Write("\r\x1b[2K");
            _lineShown = false;
        }
    }

    private void Print(string line)
    {
        if (_lineShown)
            output.Write("\r\x1b[2K");
        _lineShown = false;
        output.WriteLine(line);
        if (live)
            DrawLine();
    }

    private void DrawLine()
    {
        var elapsed = _clock.Elapsed;
        var eta = total is { } t && _done > 0 && _done < t
            ? " ETA " + Clock(TimeSpan.FromTicks(elapsed.Ticks / _done * (t - _done)))
            : "";
        var running = _running.Keys.FirstOrDefault() is { } j ? " | " + Label(j) : "";
        var problems = _counts.Total - _counts[TestStatus.Pass] - _counts[TestStatus.Skip];
        var line = $"[{Progress()}] pass {_counts[TestStatus.Pass]} fail {problems} skip {_counts[TestStatus.Skip]} | {Clock(elapsed)}{eta}{running}";
        var width = SafeWidth();
        if (line.Length > width)
            line = line[..Math.Max(0, width - 1)];
        output.Write("\r\x1b[2K" + line);
        output.Flush();
        _lineShown = true;
    }

    private string Progress()
    {
        var width = total is { } t ? t.ToString(CultureInfo.InvariantCulture).Length : 3;
        var done = _done.ToString(CultureInfo.InvariantCulture).PadLeft(width);
        return total is { } n ? $"{done}/{n}" : done;
    }

    private static string Label(Job job) => job.Iteration > 1 ? $"{job.Name} (iteration {job.Iteration})" : job.Name;

    public static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
