using Igt.Drivers.I915.Hw;
using Igt.Drm.Fences;
using Igt.Kernel;
using Igt.Kernel.Sync;

namespace Igt.Drivers.I915.Gt;

/// <summary>
/// i915_gem_context (the file's default context): its address space, one fence timeline per engine, and the
/// ring each engine's requests are emitted into. The ring holds <see cref="RingRequests"/> requests; execbuf
/// waits for space before it builds a request (eb_throttle), so a full ring blocks the caller interruptibly.
/// </summary>
public sealed class I915GemContext
{
    /// <summary>Ring capacity in requests (a 16 KiB legacy ring at about 256 bytes per request).</summary>
    public const int RingRequests = 64;

    private readonly Dictionary<I915Engine, Timeline> _timelines = new();
    private readonly WaitQueue _retireWq = new();

    public I915GemContext(I915Ppgtt vm, string name)
    {
        Vm = vm;
        Name = name;
    }

    public I915Ppgtt Vm { get; }

    /// <summary>comm[pid] of the creating task, as hang reports name the context.</summary>
    public string Name { get; }

    public bool Closed { get; private set; }

    /// <summary>Requests of this context in flight on <paramref name="engine"/>.</summary>
    public int Inflight(I915Engine engine)
    {
        lock (_timelines)
            return _timelines.TryGetValue(engine, out var t) ? t.Inflight.Count : 0;
    }

    /// <summary>A fence on this context's timeline for <paramref name="engine"/>.</summary>
    public I915Fence NextFence(I915Engine engine)
    {
        lock (_timelines)
        {
            var t = TimelineOf(engine);
            return new I915Fence(engine, t.Context, ++t.Seqno, Name);
        }
    }

    public void Added(I915Request rq)
    {
        lock (_timelines)
            TimelineOf(rq.Engine).Inflight.Add(rq);
    }

    public void Retired(I915Request rq)
    {
        lock (_timelines)
        {
            if (_timelines.TryGetValue(rq.Engine, out var t))
                t.Inflight.Remove(rq);
        }
        _retireWq.WakeUpAll();
    }

    /// <summary>
    /// eb_throttle: waits until the ring of <paramref name="engine"/> has room for one more request.
    /// 0, or -ERESTARTSYS when a signal arrived (nothing has been queued yet, so the caller may unwind).
    /// </summary>
    public int Throttle(I915Engine engine, bool interruptible = true)
    {
        var r = _retireWq.WaitEvent(() => Inflight(engine) < RingRequests, WaitQueue.Forever, interruptible);
        return r < 0 ? (int)r : 0;
    }

    public void Close()
    {
        if (Closed)
            return;
        Closed = true;
        Vm.Put();
    }

    private Timeline TimelineOf(I915Engine engine)
    {
        if (!_timelines.TryGetValue(engine, out var t))
            _timelines[engine] = t = new Timeline(DmaFence.AllocContext());
        return t;
    }

    private sealed class Timeline(ulong context)
    {
        public ulong Context { get; } = context;

        public ulong Seqno { get; set; }

        public List<I915Request> Inflight { get; } = new();
    }
}
