using System.Diagnostics;
using Igt.Drm.Fences;
using Igt.Kernel;
using Igt.Kernel.Sync;

namespace Igt.Drm.Scheduler;

/// <summary>
/// struct drm_gpu_scheduler: per-engine queue of jobs from several entities, run in order once their dependencies
/// signal, at most <see cref="HwSubmissionLimit"/> on the hardware at once, with a job timeout that calls the
/// driver's timedout_job. Runs on its own kernel thread, started on first use.
/// </summary>
public sealed class DrmGpuScheduler
{
    private readonly object _lock = new();
    private readonly WaitQueue _wq = new();
    private readonly List<DrmSchedEntity> _entities = new();
    private readonly List<DrmSchedJob> _pending = new();
    private readonly DrmDevice _dev;
    private readonly IDrmSchedBackend _backend;
    private KernelThread? _thread;
    private int _rr;
    private volatile bool _stopped;

    public DrmGpuScheduler(DrmDevice dev, string name, IDrmSchedBackend backend, int hwSubmissionLimit, TimeSpan timeout)
    {
        _dev = dev;
        Name = name;
        _backend = backend;
        HwSubmissionLimit = hwSubmissionLimit;
        Timeout = timeout;
    }

    public string Name { get; }

    public int HwSubmissionLimit { get; }

    public TimeSpan Timeout { get; set; }

    /// <summary>Jobs handed to the hardware and not yet finished.</summary>
    public int PendingCount
    {
        get { lock (_lock) return _pending.Count; }
    }

    public int QueuedCount
    {
        get { lock (_lock) return _entities.Sum(e => e.Queue.Count); }
    }

    public DrmSchedEntity CreateEntity()
    {
        var e = new DrmSchedEntity(this);
        lock (_lock)
            _entities.Add(e);
        return e;
    }

    /// <summary>drm_sched_entity_destroy: queued jobs of the entity are cancelled.</summary>
    public void DestroyEntity(DrmSchedEntity e)
    {
        List<DrmSchedJob> cancelled;
        lock (_lock)
        {
            _entities.Remove(e);
            cancelled = e.Queue.ToList();
            e.Queue.Clear();
        }
        foreach (var j in cancelled)
            Cancel(j, -Errno.ESRCH);
    }

    /// <summary>drm_sched_entity_push_job.</summary>
    public void Push(DrmSchedJob job)
    {
        if (_stopped)
        {
            Cancel(job, -Errno.ENODEV);
            return;
        }
        foreach (var d in job.Dependencies)
            d.AddCallback(_ => _wq.WakeUpAll());
        lock (_lock)
        {
            job.Entity.Queue.Enqueue(job);
            _thread ??= _dev.Machine.StartKernelThread($"{_dev.Driver.Name}-{Name}", Loop);
        }
        _wq.WakeUpAll();
    }

    /// <summary>Stops the scheduler: queued jobs are cancelled (-ECANCELED), pending ones are left to the driver.</summary>
    public void Stop()
    {
        _stopped = true;
        List<DrmSchedJob> queued;
        lock (_lock)
        {
            queued = _entities.SelectMany(e => e.Queue).ToList();
            foreach (var e in _entities)
                e.Queue.Clear();
        }
        foreach (var j in queued)
            Cancel(j, -Errno.ECANCELED);
        _wq.WakeUpAll();
        _thread?.Stop();
    }

    private void Cancel(DrmSchedJob job, int error)
    {
        job.Finished.SetError(error);
        job.Scheduled.Signal();
        job.Finished.Signal();
        _backend.FreeJob(job);
    }

    private void Loop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !_stopped)
        {
            var job = PickRunnable();
            if (job is not null)
            {
                Run(job);
                continue;
            }
            CheckTimeout();
            _wq.WaitEvent(() => ct.IsCancellationRequested || _stopped || HasRunnable(), 10_000_000, interruptible: false);
        }
    }

    private bool HasRunnable()
    {
        lock (_lock)
            return _pending.Count < HwSubmissionLimit && _entities.Any(e => e.Queue.Count > 0 && e.Queue.Peek().Dependencies.All(d => d.IsSignaled));
    }

    private DrmSchedJob? PickRunnable()
    {
        lock (_lock)
        {
            if (_pending.Count >= HwSubmissionLimit || _entities.Count == 0)
                return null;
            for (var i = 0; i < _entities.Count; i++)
            {
                var e = _entities[(_rr + i) % _entities.Count];
                if (e.Queue.Count == 0 || !e.Queue.Peek().Dependencies.All(d => d.IsSignaled))
                    continue;
                _rr = (_rr + i + 1) % _entities.Count;
                var job = e.Queue.Dequeue();
                job.StartedTicks = Stopwatch.GetTimestamp();
                _pending.Add(job);
                return job;
            }
            return null;
        }
    }

    private void Run(DrmSchedJob job)
    {
        var firstError = job.Dependencies.Select(d => d.Error).FirstOrDefault(e => e != 0);
        DmaFence? hw = null;
        if (firstError == 0)
            hw = _backend.RunJob(job);
        else
            job.Finished.SetError(firstError);
        job.HwFence = hw;
        job.Scheduled.Signal();
        if (hw is null || !hw.AddCallback(_ => Done(job)))
            Done(job);
    }

    private void Done(DrmSchedJob job)
    {
        lock (_lock)
        {
            if (!_pending.Remove(job))
                return;
        }
        if (job.HwFence is { Error: not 0 } hw)
            job.Finished.SetError(hw.Error);
        job.Finished.Signal();
        _backend.FreeJob(job);
        _wq.WakeUpAll();
    }

    private void CheckTimeout()
    {
        DrmSchedJob? late;
        lock (_lock)
        {
            late = _pending.FirstOrDefault(j => Stopwatch.GetElapsedTime(j.StartedTicks) > Timeout);
            if (late is not null)
                late.StartedTicks = Stopwatch.GetTimestamp(); // re-arm; the driver decides what happens
        }
        if (late is not null && late.HwFence is { IsSignaled: false })
            _backend.TimedoutJob(late);
    }
}
