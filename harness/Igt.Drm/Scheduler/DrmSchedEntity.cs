using Igt.Drm.Fences;

namespace Igt.Drm.Scheduler;

/// <summary>struct drm_sched_entity: one client's queue on a scheduler, with its own fence timeline.</summary>
public sealed class DrmSchedEntity
{
    private long _seqno;

    internal DrmSchedEntity(DrmGpuScheduler sched)
    {
        Sched = sched;
        FenceContext = DmaFence.AllocContext(2);
    }

    public DrmGpuScheduler Sched { get; }

    public ulong FenceContext { get; }

    internal Queue<DrmSchedJob> Queue { get; } = new();

    internal ulong NextSeqno() => (ulong)Interlocked.Increment(ref _seqno);
}
