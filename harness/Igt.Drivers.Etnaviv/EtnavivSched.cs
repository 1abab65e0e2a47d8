using Igt.Drm.Fences;
using Igt.Drm.Scheduler;
using Igt.Kernel;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_sched.c: the DRM scheduler backend. One scheduler per core, at most 4 jobs on the hardware, a 500 ms job
/// timeout that checks for progress before calling a hang.
/// </summary>
internal sealed class EtnavivSched(EtnavivGpu gpu) : IDrmSchedBackend
{
    public DmaFence? RunJob(DrmSchedJob job)
    {
        var submit = ((EtnavivSchedJob)job).Submit;
        var fence = gpu.Submit(submit);
        if (fence is null)
            job.Finished.SetError(-Errno.ENODEV);
        return fence;
    }

    public DrmGpuSchedStat TimedoutJob(DrmSchedJob job) => gpu.TimedOut(((EtnavivSchedJob)job).Submit);

    public void FreeJob(DrmSchedJob job) => ((EtnavivSchedJob)job).Submit.Cleanup();
}
