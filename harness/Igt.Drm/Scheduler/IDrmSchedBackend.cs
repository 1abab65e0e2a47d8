using Igt.Drm.Fences;

namespace Igt.Drm.Scheduler;

/// <summary>drm_sched_backend_ops: what a driver gives the scheduler.</summary>
public interface IDrmSchedBackend
{
    /// <summary>Hands the job to the hardware; returns the hardware fence (null: finished at once, error set on the job).</summary>
    DmaFence? RunJob(DrmSchedJob job);

    /// <summary>The job exceeded the timeout: reset, and make sure its hardware fence signals (with an error).</summary>
    DrmGpuSchedStat TimedoutJob(DrmSchedJob job);

    /// <summary>The job is done and its finished fence signalled: drop its references.</summary>
    void FreeJob(DrmSchedJob job);
}
