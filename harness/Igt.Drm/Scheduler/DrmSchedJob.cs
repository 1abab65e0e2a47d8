using Igt.Drm.Fences;

namespace Igt.Drm.Scheduler;

/// <summary>struct drm_sched_job: a job with its dependencies, scheduled and finished fences.</summary>
public class DrmSchedJob
{
    public DrmSchedJob(DrmSchedEntity entity)
    {
        Entity = entity;
        var seq = entity.NextSeqno();
        Scheduled = new DmaFence(entity.FenceContext, seq, "drm_sched", entity.Sched.Name);
        Finished = new DmaFence(entity.FenceContext + 1, seq, "drm_sched", entity.Sched.Name);
    }

    public DrmSchedEntity Entity { get; }

    public List<DmaFence> Dependencies { get; } = new();

    public DmaFence Scheduled { get; }

    /// <summary>Signals when the job is done; carries the job's error.</summary>
    public DmaFence Finished { get; }

    public DmaFence? HwFence { get; internal set; }

    /// <summary>When the job reached the hardware (Stopwatch ticks), for the timeout.</summary>
    internal long StartedTicks { get; set; }

    /// <summary>comm and pid of the submitting task, for hang messages.</summary>
    public string Comm { get; init; } = "";

    public int Pid { get; init; }

    /// <summary>Set by the driver on a job that was the culprit of a hang (its fence gets the error).</summary>
    public bool Guilty { get; set; }
}
