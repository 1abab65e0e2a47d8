using Igt.Drivers.Etnaviv.Hw;
using Igt.Drm.Fences;
using Igt.Drm.Scheduler;
using Igt.Kernel;
using Igt.Kernel.Fault;
using Igt.Kernel.Printk;
using Igt.Kernel.Sync;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_gpu (etnaviv_gpu.c): one Vivante core. Owns the ring buffer, the 30 hardware events (one per job
/// on the hardware, each with its hardware fence), the front end, the scheduler, and hang recovery. Jobs complete in
/// ring order, so hardware fences signal in order.
/// </summary>
public sealed partial class EtnavivGpu
{
    public const int NrEvents = 30;
    public const int HwJobLimit = 4;
    public static readonly TimeSpan JobTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Fault-injection site consulted when the front end starts a job: Delay() it to make jobs slow.</summary>
    public static readonly string FrontEndSite = FaultSites.Engine("etnaviv-fe");

    private readonly object _eventLock = new();
    private readonly EtnavivGemSubmit?[] _events = new EtnavivGemSubmit?[NrEvents];
    private readonly WaitQueue _eventFree = new();
    private readonly List<EtnavivGemSubmit> _inflight = new();
    private readonly Dictionary<uint, EtnavivGemSubmit> _jobStarts = new();
    private readonly HashSet<string> _warnedOnce = new();
    private ulong _nextSeqno;
    private long _completedFence;
    private uint _hangcheckDma;
    private long _hangcheckFence = -1;

    public EtnavivGpu(EtnavivDrmPrivate priv, EtnavivChipIdentity identity, string coreName, int pipe)
    {
        Priv = priv;
        Identity = identity;
        CoreName = coreName;
        Pipe = pipe;
        Bus = new EtnavivGpuBus(this);
        Fe = new EtnavivFrontEnd(this);
        FenceContext = DmaFence.AllocContext();
        Sched = new DrmGpuScheduler(priv.Dev, coreName, new EtnavivSched(this), HwJobLimit, JobTimeout);
    }

    public EtnavivDrmPrivate Priv { get; }

    public EtnavivChipIdentity Identity { get; }

    /// <summary>The core's platform device ("130000.gpu"): dev_err of the GPU prints "etnaviv-gpu 130000.gpu: ...".</summary>
    public string CoreName { get; }

    public int Pipe { get; }

    /// <summary>Who KASAN blames for a GPU access.</summary>
    public string Accessor => $"etnaviv-gpu {CoreName}";

    public EtnavivGpuBus Bus { get; }

    public EtnavivFrontEnd Fe { get; }

    public DrmGpuScheduler Sched { get; }

    public EtnavivFenceIdr FenceIdr { get; } = new();

    /// <summary>gpu->lock: the ring, events, exec state and MMU context.</summary>
    public object Lock { get; } = new();

    /// <summary>gpu->fence_event: woken when a submit retires (GEM_WAIT).</summary>
    public WaitQueue FenceEvent { get; } = new();

    public EtnavivGpuState State { get; private set; } = EtnavivGpuState.Identified;

    public ulong FenceContext { get; }

    /// <summary>Seqno of the newest hardware fence that signalled.</summary>
    public long CompletedFence => Interlocked.Read(ref _completedFence);

    /// <summary>The ring (gpu->buffer), a 4 KiB command buffer from the suballocator.</summary>
    public EtnavivCmdbuf? Buffer { get; private set; }

    /// <summary>-1 until a job selected a pipe.</summary>
    public int ExecState { get; internal set; } = -1;

    /// <summary>The MMU context the ring currently runs in (a reference is held).</summary>
    public EtnavivIommuContext? MmuContext { get; internal set; }

    public int InflightCount
    {
        get { lock (_eventLock) return _inflight.Count; }
    }

    /// <summary>etnaviv_gpu_init(): the ring buffer. 0 or -errno.</summary>
    public int Init()
    {
        var err = Priv.Suballoc.Alloc(4096, out var ring);
        if (err != 0)
            return err;
        Buffer = ring;
        State = EtnavivGpuState.Idle;
        DevInfo($"model: {Identity.Name}, revision: {Identity.Revision:x}");
        return 0;
    }

    public void DevErr(string msg) => Priv.Machine.Dmesg.Printk(LogLevel.Err, $"etnaviv-gpu {CoreName}: {msg}");

    public void DevWarn(string msg) => Priv.Machine.Dmesg.Printk(LogLevel.Warning, $"etnaviv-gpu {CoreName}: {msg}");

    /// <summary>dev_warn_once(): the first call per <paramref name="key"/> prints.</summary>
    public void WarnOnce(string key, string msg)
    {
        lock (_warnedOnce)
        {
            if (!_warnedOnce.Add(key))
                return;
        }
        DevWarn(msg);
    }

    public void DevInfo(string msg) => Priv.Machine.Dmesg.Printk(LogLevel.Info, $"etnaviv-gpu {CoreName}: {msg}");

    /// <summary>
    /// etnaviv_gpu_submit(): puts the job on the ring with a free event and returns its hardware fence, or null
    /// when the GPU no longer takes work.
    /// </summary>
    public DmaFence? Submit(EtnavivGemSubmit submit)
    {
        lock (Lock)
        {
            if (State == EtnavivGpuState.Stopped)
                return null;
            submit.HwFence = new DmaFence(FenceContext, ++_nextSeqno, "etnaviv", CoreName);
            return QueueLocked(submit) ? submit.HwFence : null;
        }
    }

    private bool QueueLocked(EtnavivGemSubmit submit)
    {
        var ev = EventAlloc(submit);
        if (ev < 0)
        {
            DevErr("wait_for_completion_timeout failed");
            return false;
        }
        submit.Event = ev;
        if (MmuContext is null)
        {
            submit.Mmu.Get();
            MmuContext = submit.Mmu;
            StartFeIdleloopLocked();
        }
        lock (_eventLock)
            _jobStarts[submit.StreamVa] = submit;
        EtnavivBuffer.Queue(this, submit.ExecState, submit.Mmu, ev, submit);
        State = EtnavivGpuState.Running;
        Fe.Kick();
        return true;
    }

    /// <summary>etnaviv_gpu_start_fe_idleloop(): the ring's WAIT/LINK loop, fetched in the current context.</summary>
    private void StartFeIdleloopLocked()
    {
        var version = Priv.MmuGlobal.Version;
        EtnavivBuffer.Init(this);
        Fe.Start(Buffer!.Va(version), version == EtnavivIommuVersion.V2 ? MmuContext : null);
    }

    /// <summary>event_alloc(): a free event for <paramref name="submit"/> (at most 4 jobs are on the hardware), or -1.</summary>
    private int EventAlloc(EtnavivGemSubmit submit)
    {
        var got = -1;
        _eventFree.WaitEvent(() =>
        {
            lock (_eventLock)
            {
                for (var i = 0; i < NrEvents; i++)
                {
                    if (_events[i] is null)
                    {
                        _events[i] = submit;
                        _inflight.Add(submit);
                        got = i;
                        return true;
                    }
                }
                return false;
            }
        }, 10_000_000_000L, interruptible: false);
        return got;
    }

    /// <summary>Stops the core for good (unbind, shutdown): the jobs on the hardware end with <paramref name="error"/>.</summary>
    public void Stop(int error)
    {
        List<EtnavivGemSubmit> pending;
        lock (Lock)
        {
            State = EtnavivGpuState.Stopped;
            Fe.Halt();
            pending = TakeAllInflight();
            MmuContext?.Put();
            MmuContext = null;
        }
        foreach (var s in pending)
        {
            s.HwFence!.SetError(error);
            s.HwFence.Signal();
        }
        _eventFree.WakeUpAll();
    }

    private List<EtnavivGemSubmit> TakeAllInflight()
    {
        lock (_eventLock)
        {
            var list = _inflight.OrderBy(s => s.HwFence!.Seqno).ToList();
            _inflight.Clear();
            Array.Clear(_events);
            _jobStarts.Clear();
            return list;
        }
    }

    /// <summary>The fence of a user fence id (null when unknown or retired).</summary>
    public DmaFence? LookupFence(uint id) => FenceIdr.Find(id);
}
