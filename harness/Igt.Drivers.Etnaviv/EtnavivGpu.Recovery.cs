using Igt.Drm.Scheduler;
using Igt.Kernel;

namespace Igt.Drivers.Etnaviv;

/// <summary>Hang detection and recovery (etnaviv_sched_timedout_job, etnaviv_gpu_recover_hang).</summary>
public sealed partial class EtnavivGpu
{
    /// <summary>
    /// The job ran past the 500 ms timeout. If the front end moved by more than 16 bytes (or backwards) or a job
    /// completed since the last check, the GPU is making progress and the timeout is extended; otherwise it is hung.
    /// </summary>
    internal DrmGpuSchedStat TimedOut(EtnavivGemSubmit submit)
    {
        if (submit.HwFence is null || submit.HwFence.IsSignaled)
            return DrmGpuSchedStat.NoHang;
        var dma = Fe.DmaAddress;
        var change = (int)(dma - _hangcheckDma);
        var completed = CompletedFence;
        if (State == EtnavivGpuState.Running && Fe.Running && (completed != _hangcheckFence || change < 0 || change > 16))
        {
            _hangcheckDma = dma;
            _hangcheckFence = completed;
            return DrmGpuSchedStat.NoHang;
        }
        if (State == EtnavivGpuState.Stopped)
            return DrmGpuSchedStat.NoDevice;
        Recover(submit);
        return DrmGpuSchedStat.Nominal;
    }

    /// <summary>
    /// etnaviv_gpu_recover_hang(): reset the core, drop every event, and run the jobs that were on the hardware again,
    /// except the guilty one and the later jobs of its client, which end with -ECANCELED (drm_sched_resubmit_jobs
    /// with hang_limit 0).
    /// </summary>
    private void Recover(EtnavivGemSubmit guilty)
    {
        DevErr("recover hung GPU!");
        if (Priv.Machine.FindTask(guilty.Pid) is { } task)
            DevErr($"offending task: {task.Comm} ({task.Comm})");
        var cancelled = new List<EtnavivGemSubmit>();
        lock (Lock)
        {
            Fe.Halt();
            var pending = TakeAllInflight();
            MmuContext?.Put();
            MmuContext = null;
            ExecState = -1;
            State = EtnavivGpuState.Idle;
            _hangcheckFence = -1;
            foreach (var s in pending)
            {
                if (ReferenceEquals(s, guilty) || (cancelled.Count > 0 && ReferenceEquals(s.Job?.Entity, guilty.Job?.Entity)))
                {
                    cancelled.Add(s);
                    continue;
                }
                if (!QueueLocked(s))
                    cancelled.Add(s);
            }
        }
        if (guilty.Job is { } job)
            job.Guilty = true;
        foreach (var s in cancelled)
        {
            s.HwFence!.SetError(-Errno.ECANCELED);
            s.HwFence.Signal();
        }
        _eventFree.WakeUpAll();
    }
}
