using System.Diagnostics;
using Igt.Drivers.I915.Gt;
using Igt.Drm.Fences;
using Igt.Kernel;
using Igt.Kernel.Fault;
using Igt.Kernel.Sync;

namespace Igt.Drivers.I915.Hw;

/// <summary>
/// intel_engine_cs: one engine (rcs0, bcs0) as a kernel thread executing requests in submission order. A request
/// waits for its dependencies, then runs on the command streamer; a request running longer than the heartbeat
/// interval is declared hung and the engine is reset (<see cref="I915Hangcheck"/>): its fence signals with -EIO
/// and the next request runs. Fault site "engine:&lt;name&gt;" delays every request (a slow GPU).
/// </summary>
public sealed class I915Engine
{
    private readonly object _lock = new();
    private readonly Queue<I915Request> _queue = new();
    private readonly WaitQueue _wq = new();
    private readonly I915CommandStreamer _cs;
    private KernelThread? _thread;
    private I915Request? _active;
    private volatile bool _stopping;
    private long _heartbeatMs;

    public I915Engine(I915Private i915, string name, int uabiClass, int instance)
    {
        I915 = i915;
        Name = name;
        UabiClass = uabiClass;
        Instance = instance;
        _heartbeatMs = I915Hangcheck.DefaultHeartbeatIntervalMs;
        _cs = new I915CommandStreamer(this);
    }

    public I915Private I915 { get; }

    public string Name { get; }

    /// <summary>drm_i915_gem_engine_class of the engine.</summary>
    public int UabiClass { get; }

    public int Instance { get; }

    /// <summary>heartbeat_interval_ms (sysfs): how long a request may run before it is declared hung.</summary>
    public long HeartbeatIntervalMs
    {
        get => Interlocked.Read(ref _heartbeatMs);
        set => Interlocked.Exchange(ref _heartbeatMs, value);
    }

    public int QueuedCount
    {
        get { lock (_lock) return _queue.Count + (_active is null ? 0 : 1); }
    }

    public I915Request? Active
    {
        get { lock (_lock) return _active; }
    }

    /// <summary>Queues a request (i915_request_add + submission to the engine).</summary>
    public void Submit(I915Request rq)
    {
        foreach (var d in rq.Dependencies)
            d.AddCallback(_ => _wq.WakeUpAll());
        lock (_lock)
        {
            if (_stopping)
            {
                Complete(rq, -Errno.EIO);
                return;
            }
            _queue.Enqueue(rq);
            _thread ??= I915.Machine.StartKernelThread(Name, Loop);
        }
        _wq.WakeUpAll();
    }

    /// <summary>Stops the engine: the active and queued requests complete with -EIO (wedged), no new ones run.</summary>
    public void Stop()
    {
        List<I915Request> queued;
        lock (_lock)
        {
            _stopping = true;
            queued = _queue.ToList();
            _queue.Clear();
        }
        foreach (var rq in queued)
            Complete(rq, -Errno.EIO);
        _wq.WakeUpAll();
        _thread?.Stop();
    }

    private void Loop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !_stopping)
        {
            I915Request? rq;
            lock (_lock)
            {
                rq = _queue.Count > 0 ? _queue.Peek() : null;
                if (rq is not null && rq.Dependencies.All(d => d.IsSignaled))
                {
                    _queue.Dequeue();
                    _active = rq;
                }
                else
                {
                    rq = null;
                }
            }
            if (rq is null)
            {
                _wq.WaitEvent(() => _stopping || ct.IsCancellationRequested || HeadRunnable(), 50_000_000, interruptible: false);
                continue;
            }
            Execute(rq, ct);
        }
    }

    private bool HeadRunnable()
    {
        lock (_lock)
            return _queue.Count > 0 && _queue.Peek().Dependencies.All(d => d.IsSignaled);
    }

    private void Execute(I915Request rq, CancellationToken ct)
    {
        I915.Machine.Faults.MaybeDelay(FaultSites.Engine(Name));
        var depError = rq.Dependencies.Select(d => d.Error).FirstOrDefault(e => e != 0);
        rq.StartedTicks = Stopwatch.GetTimestamp();
        I915BatchResult result;
        if (depError != 0)
            result = I915BatchResult.Cancelled;
        else
            result = _cs.Run(rq, r => Poll(r, ct));
        rq.Result = result;
        lock (_lock)
            _active = null;
        switch (result)
        {
            case I915BatchResult.Completed:
                Complete(rq, 0);
                break;
            case I915BatchResult.Hung:
                I915.Hangcheck.Reset(this, rq);
                Complete(rq, -Errno.EIO);
                break;
            default:
                Complete(rq, depError != 0 ? depError : -Errno.EIO);
                break;
        }
    }

    private I915BatchResult? Poll(I915Request rq, CancellationToken ct)
    {
        if (_stopping || ct.IsCancellationRequested)
            return I915BatchResult.Cancelled;
        if (I915.Hangcheck.Enabled && rq.Runtime.TotalMilliseconds > HeartbeatIntervalMs)
            return I915BatchResult.Hung;
        return null;
    }

    private void Complete(I915Request rq, int error)
    {
        if (error != 0)
            rq.Fence.SetError(error);
        rq.Fence.Signal();
        rq.Retire();
    }
}
