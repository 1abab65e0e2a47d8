using Igt.Kernel;
using Igt.Kernel.Sync;

namespace Igt.Drm.Fences;

/// <summary>
/// struct dma_fence: a one-shot completion on a timeline (context, seqno), with an error code and callbacks.
/// Waits follow dma_fence_wait_timeout(): remaining time (&gt; 0), 0 on timeout, -ERESTARTSYS on a signal.
/// </summary>
public class DmaFence
{
    private static long s_nextContext = 1;
    private readonly object _lock = new();
    private readonly WaitQueue _wq = new();
    private List<Action<DmaFence>>? _callbacks = new();
    private volatile bool _signaled;
    private int _error;

    public DmaFence(ulong context, ulong seqno, string driver = "kernel", string timeline = "unbound")
    {
        Context = context;
        Seqno = seqno;
        DriverName = driver;
        TimelineName = timeline;
    }

    public ulong Context { get; }

    public ulong Seqno { get; }

    public string DriverName { get; }

    public string TimelineName { get; }

    public bool IsSignaled => _signaled;

    /// <summary>0, or the negative errno the producer set (e.g. -ETIMEDOUT after a hang, -ECANCELED).</summary>
    public int Error => Volatile.Read(ref _error);

    public long TimestampNs { get; private set; }

    /// <summary>dma_fence_context_alloc().</summary>
    public static ulong AllocContext(int num = 1) => (ulong)Interlocked.Add(ref s_nextContext, num) - (ulong)num;

    /// <summary>dma_fence_get_stub(): an already signalled fence.</summary>
    public static DmaFence Stub()
    {
        var f = new DmaFence(0, 0, "stub", "stub");
        f.Signal();
        return f;
    }

    /// <summary>dma_fence_set_error(): only before signalling.</summary>
    public void SetError(int error)
    {
        if (!_signaled)
            Volatile.Write(ref _error, error);
    }

    /// <summary>dma_fence_signal(): false when already signalled.</summary>
    public bool Signal()
    {
        List<Action<DmaFence>>? cbs;
        lock (_lock)
        {
            if (_signaled)
                return false;
            TimestampNs = KernelTime.MonotonicNs;
            _signaled = true;
            cbs = _callbacks;
            _callbacks = null;
        }
        _wq.WakeUpAll();
        if (cbs is not null)
            foreach (var cb in cbs)
                cb(this);
        return true;
    }

    /// <summary>dma_fence_add_callback(): false (and no call) when already signalled.</summary>
    public bool AddCallback(Action<DmaFence> cb)
    {
        lock (_lock)
        {
            if (_signaled)
                return false;
            _callbacks!.Add(cb);
            return true;
        }
    }

    /// <summary>Waits for the fence. Returns remaining ns (&gt; 0), 0 on timeout, or -ERESTARTSYS.</summary>
    public long Wait(bool interruptible, long timeoutNs = WaitQueue.Forever) =>
        _wq.WaitEvent(() => _signaled, timeoutNs, interruptible);

    /// <summary>Waits for all fences (or any), sharing one timeout. Same return convention as <see cref="Wait"/>.</summary>
    public static long WaitMany(IReadOnlyList<DmaFence> fences, bool waitAll, bool interruptible, long timeoutNs, out int firstSignaled)
    {
        firstSignaled = -1;
        if (fences.Count == 0)
            return Math.Max(1, timeoutNs);
        var wq = new WaitQueue();
        Action<DmaFence> wake = _ => wq.WakeUpAll();
        foreach (var f in fences)
            f.AddCallback(wake);
        var idx = -1;
        var r = wq.WaitEvent(() =>
        {
            if (waitAll)
                return fences.All(f => f.IsSignaled);
            for (var i = 0; i < fences.Count; i++)
            {
                if (fences[i].IsSignaled)
                {
                    idx = i;
                    return true;
                }
            }
            return false;
        }, timeoutNs, interruptible);
        firstSignaled = waitAll ? (r > 0 ? 0 : -1) : idx;
        return r;
    }

    public override string ToString() => $"{DriverName}:{TimelineName}:{Context}:{Seqno}{(IsSignaled ? " signaled" : "")}{(Error != 0 ? $" err={Errno.Name(Error)}" : "")}";
}
