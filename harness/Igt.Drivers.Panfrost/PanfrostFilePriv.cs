using Igt.Drm;
using Igt.Drm.Scheduler;

namespace Igt.Drivers.Panfrost;

/// <summary>struct panfrost_file_priv: the file's address space and its scheduler entity on each job slot.</summary>
public sealed class PanfrostFilePriv
{
    internal PanfrostFilePriv(PanfrostDevice pfdev, DrmFile file, PanfrostMmu mmu)
    {
        Pfdev = pfdev;
        File = file;
        Mmu = mmu;
        Entities = pfdev.Queues.Select(q => q.Sched.CreateEntity()).ToArray();
    }

    public PanfrostDevice Pfdev { get; }

    public DrmFile File { get; }

    public PanfrostMmu Mmu { get; }

    /// <summary>sched_entity[NUM_JOB_SLOTS].</summary>
    public DrmSchedEntity[] Entities { get; }

    /// <summary>Set by panfrost_job_close (under the reset lock): no job of the file reaches the hardware after it.</summary>
    public bool Closed { get; internal set; }

    public static PanfrostFilePriv Of(DrmFile file) => (PanfrostFilePriv)file.DriverPriv!;
}
