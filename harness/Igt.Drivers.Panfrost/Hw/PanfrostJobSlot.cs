using Igt.Kernel;
using Igt.Kernel.Fault;

namespace Igt.Drivers.Panfrost.Hw;

/// <summary>
/// One job slot of the emulated GPU (JS0 fragment, JS1 vertex/tiler/compute): a kernel thread that runs the chains
/// it was given, in order, and raises the job interrupt (<see cref="JobDone"/>) when each ends. Soft-stop (for a
/// reset) parks the slot with the running chain resumable; hard-stop (file closed) terminates matching chains.
/// </summary>
public sealed class PanfrostJobSlot
{
    private readonly object _lock = new();
    private readonly LinkedList<HwJob> _queue = new();
    private readonly Machine _machine;
    private readonly JobChainExecutor _executor;
    private KernelThread? _thread;
    private HwJob? _running;
    private JobStopRequest _stop;
    private bool _halted;
    private volatile bool _shutdown;

    public PanfrostJobSlot(Machine machine, int js, TimeSpan jobCost)
    {
        _machine = machine;
        Js = js;
        _executor = new JobChainExecutor(js, jobCost, StopRequested);
    }

    public int Js { get; }

    /// <summary>The job interrupt: a chain ended with the given status (not raised for soft-stopped chains).</summary>
    public event Action<PanfrostJobSlot, HwJob, JobResult>? JobDone;

    /// <summary>The chain executing now (JS_HEAD / JS_TAIL / JS_CONFIG come from it), or null.</summary>
    public HwJob? Running
    {
        get { lock (_lock) return _running; }
    }

    /// <summary>Queues a chain (JS_COMMAND_NEXT = START).</summary>
    public void Submit(HwJob job)
    {
        lock (_lock)
        {
            _queue.AddLast(job);
            _thread ??= _machine.StartKernelThread($"panfrost-js{Js}", Loop);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>
    /// Reset step 1: no new chain starts, the running one is soft-stopped. Waits up to <paramref name="timeout"/>;
    /// returns false when the slot did not stop in time ("Soft-stop failed").
    /// </summary>
    public bool Halt(TimeSpan timeout)
    {
        lock (_lock)
        {
            _halted = true;
            if (_running is not null)
                _stop = JobStopRequest.SoftStop;
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (_running is not null)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0)
                    return false;
                Monitor.Wait(_lock, (int)left);
            }
            return true;
        }
    }

    /// <summary>Waits (unbounded) until a halted slot has parked its chain.</summary>
    public void WaitStopped()
    {
        lock (_lock)
            while (_running is not null)
                Monitor.Wait(_lock, 10);
    }

    /// <summary>Takes every chain off a halted slot (stopped one first, resumable from its Jc).</summary>
    public List<HwJob> Drain()
    {
        lock (_lock)
        {
            var all = _queue.ToList();
            _queue.Clear();
            return all;
        }
    }

    /// <summary>Reset step 2: give the slot its chains back and let it run again.</summary>
    public void Resume(IEnumerable<HwJob> jobs)
    {
        lock (_lock)
        {
            foreach (var j in jobs)
                _queue.AddLast(j);
            _halted = false;
            _stop = JobStopRequest.None;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>
    /// JS_COMMAND_NEXT = NOP and JS_COMMAND = HARD_STOP for the chains of one file: queued ones are removed and
    /// returned (the caller completes them as TERMINATED), the running one ends TERMINATED through the interrupt.
    /// </summary>
    public List<HwJob> HardStop(Func<HwJob, bool> match)
    {
        lock (_lock)
        {
            var cancelled = _queue.Where(match).ToList();
            foreach (var j in cancelled)
                _queue.Remove(j);
            if (_running is not null && match(_running))
                _stop = JobStopRequest.HardStop;
            return cancelled;
        }
    }

    /// <summary>Machine shutdown: terminate whatever runs and let the thread exit.</summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            _shutdown = true;
            _halted = true;
            _stop = JobStopRequest.HardStop;
            Monitor.PulseAll(_lock);
        }
    }

    private JobStopRequest StopRequested()
    {
        if (_shutdown)
            return JobStopRequest.HardStop;
        lock (_lock)
            return _stop;
    }

    private void Loop(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            HwJob job;
            lock (_lock)
            {
                while (!ct.IsCancellationRequested && !_shutdown && (_halted || _queue.Count == 0))
                    Monitor.Wait(_lock, 50);
                if (ct.IsCancellationRequested || _shutdown)
                    return;
                job = _queue.First!.Value;
                _queue.RemoveFirst();
                _running = job;
                _stop = JobStopRequest.None;
            }
            var site = FaultSites.Engine($"js{Js}");
            job.Charge((long)_machine.Faults.DelayOf(site).TotalNanoseconds); // a stalled engine is busy GPU time
            _machine.Faults.MaybeDelay(site);
            var result = _executor.Run(job);
            var raise = true;
            lock (_lock)
            {
                _running = null;
                if (result.Status == PanfrostException.Stopped)
                {
                    // Parked for a reset: resumes where it stopped when the slot is resumed.
                    job.Jc = result.Head;
                    _queue.AddFirst(job);
                    raise = false;
                }
                _stop = JobStopRequest.None;
                Monitor.PulseAll(_lock);
            }
            if (raise)
                JobDone?.Invoke(this, job, result);
        }
    }
}
