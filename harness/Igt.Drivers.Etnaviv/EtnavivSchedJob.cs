using Igt.Drm.Scheduler;

namespace Igt.Drivers.Etnaviv;

/// <summary>The drm_sched_job embedded in a submit.</summary>
public sealed class EtnavivSchedJob(DrmSchedEntity entity, EtnavivGemSubmit submit) : DrmSchedJob(entity)
{
    public EtnavivGemSubmit Submit { get; } = submit;
}
