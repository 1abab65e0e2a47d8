namespace Igt.Drm.Scheduler;

/// <summary>enum drm_gpu_sched_stat: what the driver's timedout_job did.</summary>
public enum DrmGpuSchedStat
{
    Nominal,
    NoDevice,
    /// <summary>The job was making progress or finished late: no reset happened, keep waiting.</summary>
    NoHang,
}
