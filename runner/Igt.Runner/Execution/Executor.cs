using System.Globalization;
using Igt.Runner.Dmesg;
using Igt.Runner.Results;
using Igt.Runner.Settings;

namespace Igt.Runner.Execution;

/// <summary>
/// Runs the job list through test hosts (igt_runner's executor): up to --jobs hosts at once, each running a batch
/// of subtests one at a time. It watches the journals: a subtest over its per-test or inactivity timeout has its
/// host killed and is recorded as timeout; a host that dies during a subtest records a crash; the batch's unstarted
/// subtests go to a fresh host. After each subtest it checks the abort conditions (a failed sanity test, a
/// requested abort, a bad taint): an abort stops new tests, the rest stay notrun, aborted.txt says why.
/// </summary>
public sealed class Executor(RunSettings settings, ResultsLayout layout, IRunObserver observer)
{
    /// <summary>A host that neither starts nor ends a test, nor prints, for this long is stuck (at least).</summary>
    private static readonly TimeSpan MinHostStall = TimeSpan.FromSeconds(60);

    /// <summary>Hosts that died before any of their tests started, after which the first test is given up on.</summary>
    private const int MaxHostAttempts = 3;

    private readonly List<TestHost> _hosts = [];
    private readonly Dictionary<Job, int> _attempts = [];
    private readonly TestClassifier _classifier = new(new DmesgClassifier(settings.Dmesg));
    private readonly Dictionary<TestHost, long> _logSeen = [];
    private JobState? _sanity;
    private int _stopRequest;
    private StopReason _stop = StopReason.None;
    private string? _abortReason;
    private int _finished;
    private int _nextHostId = 1;

    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Host log numbering continues after existing logs when resuming.</summary>
    public int FirstHostId
    {
        init => _nextHostId = value;
    }

    /// <summary>From a signal handler: graceful (SIGINT, SIGHUP) lets running tests finish; hard (SIGTERM) kills them.</summary>
    public void RequestStop(bool hard)
    {
        var want = hard ? 2 : 1;
        int seen;
        do
        {
            seen = Volatile.Read(ref _stopRequest);
            if (seen >= want)
                return;
        }
        while (Interlocked.CompareExchange(ref _stopRequest, want, seen) != seen);
    }

    public async Task<ExecutionOutcome> RunAsync(IEnumerable<Job> plan)
    {
        try
        {
            return await LoopAsync(plan);
        }
        finally
        {
            // Whatever went wrong in the runner, no test host outlives it.
            foreach (var host in _hosts)
            {
                host.Kill();
                host.Dispose();
            }
            _hosts.Clear();
        }
    }

    private async Task<ExecutionOutcome> LoopAsync(IEnumerable<Job> plan)
    {
        var queue = new JobQueue(plan, Math.Clamp(settings.TestsPerHost * settings.Jobs, 1, 100_000));
        var start = DateTime.UtcNow;
        var overall = settings.OverallTimeout > TimeSpan.Zero ? start + settings.OverallTimeout : DateTime.MaxValue;
        var duration = settings.Duration > TimeSpan.Zero ? start + settings.Duration : DateTime.MaxValue;
        var sanityFirst = settings.Sanity is { } s && queue.Peek() is { Iteration: 1 } first && first.Name == s;

        while (true)
        {
            var now = DateTime.UtcNow;
            HandleStopRequest();
            if (_stop == StopReason.None && now >= overall && (!queue.IsEmpty || _hosts.Any(h => h.Jobs.Any(j => !j.Done && j.StartedAt is null))))
                Stop(StopReason.OverallTimeout, $"overall timeout of {DurationParser.Format(settings.OverallTimeout)}s reached: starting no more tests");
            if (_stop == StopReason.None && now >= duration)
                Stop(StopReason.Duration, $"duration of {DurationParser.Format(settings.Duration)}s reached: starting no more tests");

            while (_stop == StopReason.None && _hosts.Count < settings.Jobs && !queue.IsEmpty && _sanity is not { Done: false })
            {
                if (sanityFirst)
                {
                    if (_hosts.Count > 0)
                        break;
                    sanityFirst = false;
                    _sanity = StartHost(queue.TakeOne(), now).Jobs[0];
                    break;
                }
                StartHost(queue.TakeBatch(settings.TestsPerHost, settings.Jobs), now);
            }

            foreach (var host in _hosts.ToList())
                Poll(host, now, queue);
            observer.Tick();

            if (_hosts.Count == 0 && (queue.IsEmpty || _stop != StopReason.None))
                break;
            await Task.Delay(TickInterval);
        }
        return new ExecutionOutcome(_stop, _abortReason, _finished);
    }

    private TestHost StartHost(List<Job> batch, DateTime now)
    {
        var iteration = batch[0].Iteration;
        var env = RunnerEnvironment.ForHost(settings, layout.IterationRoot(iteration), iteration, Environment.ProcessId);
        var jobs = batch.Select(j => new JobState(j, layout)).ToList();
        var host = TestHost.Start(_nextHostId++, jobs, env, layout.HostLogs, now);
        _hosts.Add(host);
        _logSeen[host] = 0;
        return host;
    }

    private void Poll(TestHost host, DateTime now, JobQueue queue)
    {
        foreach (var js in host.Jobs.Where(j => !j.Done))
            Observe(host, js, now, queue);

        var log = host.LogLength;
        if (log != _logSeen[host])
        {
            _logSeen[host] = log;
            host.LastProgress = now;
        }

        if (!host.HasExited && !host.KillRequested)
            Watch(host, now);
        if (host.HasExited)
        {
            OnHostExited(host, now, queue);
            _hosts.Remove(host);
            _logSeen.Remove(host);
            host.Dispose();
        }
    }

    /// <summary>Notices a job's start and end from its journal, and its activity while it runs.</summary>
    private void Observe(TestHost host, JobState js, DateTime now, JobQueue queue)
    {
        js.Refresh();
        if (js.Journal.Started && js.StartedAt is null)
        {
            js.StartedAt = now;
            js.TouchActivity(now);
            host.Current = js;
            host.LastProgress = now;
            observer.TestStarted(js.Job);
            // The run is stopping and the host went straight on to its next subtest: that one does not get to run.
            if (_stop != StopReason.None && !host.KillRequested)
            {
                host.StopKill = _stop == StopReason.Abort ? "the run was aborted" : $"the run stopped ({Describe(_stop)})";
                host.Kill();
            }
        }
        if (js.StartedAt is null)
            return;
        if (js.Ended)
            Finish(host, js, now, queue);
        else
            js.TouchActivity(now);
    }

    /// <summary>Timeouts of the running subtest, stalls of the host, and stopping.</summary>
    private void Watch(TestHost host, DateTime now)
    {
        var current = host.Current is { Done: false } c ? c : null;
        if (Volatile.Read(ref _stopRequest) == 2)
        {
            host.StopKill = "interrupted";
            host.Kill();
            return;
        }
        if (current is not null)
        {
            var ran = now - current.StartedAt!.Value;
            if (settings.PerTestTimeout > TimeSpan.Zero && ran > settings.PerTestTimeout)
            {
                KillForTimeout(host, current, $"per-test timeout of {DurationParser.Format(settings.PerTestTimeout)}s exceeded");
            }
            else if (settings.InactivityTimeout > TimeSpan.Zero && now - current.LastActivity > settings.InactivityTimeout)
            {
                KillForTimeout(host, current, $"no activity for {DurationParser.Format(settings.InactivityTimeout)}s (inactivity timeout)");
            }
            return;
        }
        if (_stop != StopReason.None)
        {
            host.StopKill = _stop == StopReason.Abort ? "the run was aborted" : $"the run stopped ({Describe(_stop)})";
            host.Kill();
            return;
        }
        var stall = settings.InactivityTimeout > MinHostStall ? settings.InactivityTimeout : MinHostStall;
        if (settings.InactivityTimeout > TimeSpan.Zero && now - host.LastProgress > stall)
        {
            host.StopKill = $"the test host made no progress for {DurationParser.Format(stall)}s";
            observer.Note($"host {host.Id}: no test started or ended for {DurationParser.Format(stall)}s; killing it");
            host.Kill();
        }
    }

    private void KillForTimeout(TestHost host, JobState js, string reason)
    {
        host.TimeoutKill = (js, reason, $"runner: killed the test: {reason}");
        observer.Note($"{js.Job.Name}: {reason}; killing its test host");
        host.Kill();
    }

    private void OnHostExited(TestHost host, DateTime now, JobQueue queue)
    {
        host.Process.WaitForExit();
        var exit = host.ExitCode;
        var anyStarted = host.Jobs.Any(j => j.StartedAt is not null || j.Journal.Started);
        var requeue = new List<Job>();
        foreach (var js in host.Jobs.Where(j => !j.Done))
        {
            Observe(host, js, now, queue);
            if (js.Done)
                continue;
            if (js.Journal.Started)
            {
                var elapsed = now - (js.StartedAt ?? now);
                if (host.TimeoutKill is { } t && t.Job == js)
                {
                    js.WriteVerdict(TestStatus.Timeout, elapsed, t.Reason, t.Note);
                }
                else if (host.StopKill == "interrupted")
                {
                    js.WriteVerdict(TestStatus.Incomplete, elapsed, "the runner was interrupted", "runner: the runner was interrupted while this test ran");
                }
                else if (host.StopKill is { } why)
                {
                    js.WriteVerdict(TestStatus.NotRun, elapsed, why, $"runner: stopped as it started ({why}); resume runs it again");
                }
                else
                {
                    TextFiles.Append(js.ErrPath, $"runner: the test host died during this test (dotnet test exited with {exit}):\n{host.CrashExcerpt()}\n");
                    js.WriteVerdict(TestStatus.Crash, elapsed, $"the test host died (dotnet test exit code {exit})",
                        "runner: the test host died during this test; see err for what it said");
                    observer.Note($"{js.Job.Name}: the test host died (log: {Path.GetRelativePath(layout.Root, host.LogPath)})");
                }
                Finish(host, js, now, queue);
                continue;
            }
            if (_stop != StopReason.None)
            {
                js.Done = true;
                continue;
            }
            if (!host.KillRequested && exit == 0)
            {
                js.WriteVerdict(TestStatus.NotRun, TimeSpan.Zero, "the test host finished without running it",
                    "runner: the test host finished without running this test (is it still in the assembly?)");
                Finish(host, js, now, queue);
                continue;
            }
            var attempts = _attempts[js.Job] = _attempts.GetValueOrDefault(js.Job) + (anyStarted ? 0 : 1);
            if (attempts >= MaxHostAttempts)
            {
                TextFiles.Append(js.ErrPath, $"runner: the test host failed {attempts} times before this test could start:\n{host.CrashExcerpt()}\n");
                js.WriteVerdict(TestStatus.Incomplete, TimeSpan.Zero, $"the test host failed {attempts} times before it started",
                    "runner: the test host kept failing before this test could start; see err");
                Finish(host, js, now, queue);
                continue;
            }
            requeue.Add(js.Job);
        }
        queue.Requeue(requeue);
    }

    private void Finish(TestHost host, JobState js, DateTime now, JobQueue queue)
    {
        js.Done = true;
        if (host.Current == js)
            host.Current = null;
        host.LastProgress = now;
        _finished++;
        var result = _classifier.Classify(js.Job.Name, js.Dir);
        var status = CheckAbort(js, result, queue);
        observer.TestFinished(js.Job, status, result.Duration);
    }

    /// <summary>The abort conditions, checked after every subtest (igt_runner checks after every job).</summary>
    private TestStatus CheckAbort(JobState js, TestResult result, JobQueue queue)
    {
        var name = js.Job.Name;
        if (js == _sanity && result.Status is not (TestStatus.Pass or TestStatus.Warn or TestStatus.DmesgWarn))
        {
            Abort($"sanity test {name} ended with {result.Status.ToIgt()}: the devices never probed, so no other result would mean anything", name, queue);
            return result.Status;
        }
        if (result.Status == TestStatus.Abort)
        {
            Abort($"{name} requested an abort (igt_abort_on_f): {FirstLine(result.Err)}", name, queue);
            return result.Status;
        }
        if (settings.AbortOnTaint && Taint.Parse(result.Out) is { } taint && (taint & Taint.Bad) != 0)
        {
            var what = Taint.Describe(taint);
            js.WriteVerdict(TestStatus.Abort, TimeSpan.FromSeconds(result.Duration), $"kernel badly tainted {what}",
                $"runner: the test left the kernel badly tainted, {what}; it was {result.Status.ToIgt()}, the run is aborted");
            Abort($"Kernel badly tainted, {what}, after {name} (check its dmesg for details)", name, queue);
            return TestStatus.Abort;
        }
        return result.Status;
    }

    private void Abort(string reason, string previous, JobQueue queue)
    {
        if (_stop == StopReason.Abort)
            return;
        var next = queue.Peek()?.Name ?? _hosts.SelectMany(h => h.Jobs).FirstOrDefault(j => !j.Done && !j.Journal.Started)?.Job.Name ?? "none";
        TextFiles.WriteAtomic(layout.Aborted, $"Aborting.\nPrevious test: {previous}\nNext test: {next}\n\n{reason}\n");
        Stop(StopReason.Abort, "aborting: " + reason);
        _abortReason = reason;
    }

    private void Stop(StopReason reason, string message)
    {
        if (_stop != StopReason.None)
            return;
        _stop = reason;
        observer.Note(message);
    }

    private void HandleStopRequest()
    {
        switch (Volatile.Read(ref _stopRequest))
        {
            case 1:
                Stop(StopReason.Stopped, "stopping: running tests finish, the rest stay notrun (resume continues)");
                break;
            case 2:
                if (_stop is StopReason.None or StopReason.Stopped)
                    _stop = StopReason.None;
                Stop(StopReason.Interrupted, "interrupted: killing the running tests");
                break;
        }
    }

    private static string Describe(StopReason reason) => reason switch
    {
        StopReason.OverallTimeout => "overall timeout",
        StopReason.Duration => "duration reached",
        StopReason.Stopped => "stop requested",
        StopReason.Interrupted => "interrupted",
        _ => reason.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string FirstLine(string text) =>
        text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
}
