using Igt.Drm.Fences;
using Igt.Drm.Scheduler;
using Igt.Drivers.Panfrost.Hw;
using Igt.Kernel;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// struct panfrost_queue_state for one job slot: the DRM scheduler with its backend ops (run_job hands the chain
/// to the slot, timedout_job resets the GPU, free_job drops the job's references) and the job interrupt handling
/// that turns a slot's result into the fence state (fault: -EINVAL, hard-stop: -ECANCELED).
/// </summary>
public sealed class PanfrostJobQueue : IDrmSchedBackend
{
    /// <summary>Jobs in flight per slot: one running, one in the _NEXT registers.</summary>
    public const int HwSubmissionLimit = 2;

    private readonly PanfrostDevice _pfdev;
    private readonly ulong _fenceContext = DmaFence.AllocContext();
    private long _seqno;

    public PanfrostJobQueue(PanfrostDevice pfdev, int js, TimeSpan timeout)
    {
        _pfdev = pfdev;
        Js = js;
        Slot = new PanfrostJobSlot(pfdev.Machine, js, pfdev.Spec.JobCost);
        Slot.JobDone += (_, hw, result) => Complete((PanfrostJob)hw.Owner, hw, result);
        Sched = new DrmGpuScheduler(pfdev.Dev, $"pan_js{js}", this, HwSubmissionLimit, timeout);
    }

    public int Js { get; }

    public PanfrostJobSlot Slot { get; }

    public DrmGpuScheduler Sched { get; }

    /// <summary>panfrost_job_run() + panfrost_job_hw_submit().</summary>
    public DmaFence? RunJob(DrmSchedJob sched)
    {
        var job = (PanfrostJob)sched;
        if (job.Finished.Error != 0)
            return null;
        var fence = new DmaFence(_fenceContext, (ulong)Interlocked.Increment(ref _seqno), "panfrost", $"panfrost-js-{Js}");
        job.DoneFence = fence;
        var submitted = false;
        _pfdev.Reset.Serialize(() =>
        {
            // The file was closed while the scheduler was handing this job over: it never reaches the slot.
            if (job.File.Closed)
                return;
            var asNr = _pfdev.AddressSpaces.Get(job.Mmu, out var generation);
            job.Hw = new HwJob(job, job.Mmu, job.Jc, _pfdev.JsConfig(asNr)) { AsGeneration = generation };
            Slot.Submit(job.Hw);
            submitted = true;
        });
        if (!submitted)
        {
            fence.SetError(-Errno.ECANCELED);
            fence.Signal();
        }
        return fence;
    }

    /// <summary>panfrost_job_timedout(): spurious if done or not yet running; otherwise report and reset.</summary>
    public DrmGpuSchedStat TimedoutJob(DrmSchedJob sched)
    {
        var job = (PanfrostJob)sched;
        if (job.DoneFence is { IsSignaled: true })
            return DrmGpuSchedStat.Nominal;
        var hw = Slot.Running;
        if (hw is null || !ReferenceEquals(hw.Owner, job))
            return DrmGpuSchedStat.NoHang; // still waiting behind another chain: the timer restarts
        // The emulated GPU is a host thread: under host load even a short chain can take long in wall time. One
        // that has done less than 1/200 of the timeout in GPU work (2.5 ms, some 125 jobs) is starved, not hung;
        // a looping chain or a stalled engine gets past that within the first timeout even on a loaded host.
        if (hw.GpuTimeNs < (long)(Sched.Timeout.TotalNanoseconds / 200))
            return DrmGpuSchedStat.NoHang;
        _pfdev.Dev.DevErr($"gpu sched timeout, js={Js}, config=0x{hw.Config:x}, status=0x{PanfrostException.Active:x}, " +
                          $"head=0x{(uint)hw.Head:x}, tail=0x{(uint)hw.Tail:x}, sched_job={HashedPointer(job)}");
        _pfdev.Reset.Run(job);
        return DrmGpuSchedStat.Nominal;
    }

    /// <summary>panfrost_job_free().</summary>
    public void FreeJob(DrmSchedJob sched) => ((PanfrostJob)sched).Cleanup();

    /// <summary>panfrost_job_handle_err() / the done path of panfrost_job_handle_irq().</summary>
    internal void Complete(PanfrostJob job, HwJob hw, JobResult result)
    {
        var fence = job.DoneFence!;
        if (result.Status != PanfrostException.Done)
        {
            var line = $"js={Js}, status={PanfrostException.Name(result.Status)}, head=0x{(uint)result.Head:x}, tail=0x{(uint)result.Tail:x}";
            if (result.IsFault)
                _pfdev.Dev.DevErr("js fault, " + line);
            else
                _pfdev.Dev.DevDbg("js event, " + line);
            if (result.Status == PanfrostException.Terminated)
                fence.SetError(-Errno.ECANCELED);
            else if (result.IsFault)
                fence.SetError(-Errno.EINVAL);
        }
        job.Hw = null;
        _pfdev.AddressSpaces.Put(job.Mmu, hw.AsGeneration);
        fence.Signal();
    }

    /// <summary>A job of the guilty entity after a reset: finished with -ECANCELED, never run again.</summary>
    internal void Cancel(PanfrostJob job)
    {
        var fence = job.DoneFence!;
        fence.SetError(-Errno.ECANCELED);
        job.Hw = null;
        fence.Signal();
    }

    /// <summary>%p prints a hashed pointer: stable per job, 16 hex digits.</summary>
    private static string HashedPointer(PanfrostJob job) =>
        (KernelRandom.Mix(job.Finished.Context, job.Finished.Seqno) & 0xffffffffUL).ToString("x16");
}
