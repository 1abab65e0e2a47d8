using Igt.Drm.Fences;
using Igt.Drm.Gem;
using Igt.Drm.Scheduler;
using Igt.Drivers.Panfrost.Hw;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// struct panfrost_job: one SUBMIT. Holds a reference on every BO it lists and on that BO's mapping in the
/// submitter's address space (bumping the BO's gpu_usecount), and on the address space itself, until the job is
/// freed after its fence signalled: that is what keeps a BO mapped when its handle is closed mid-flight.
/// </summary>
public sealed class PanfrostJob : DrmSchedJob
{
    private int _cleanedUp;

    public PanfrostJob(PanfrostFilePriv file, int slot, ulong jc, uint requirements)
        : base(file.Entities[slot])
    {
        File = file;
        Pfdev = file.Pfdev;
        Mmu = file.Mmu.Get();
        Slot = slot;
        Jc = jc;
        Requirements = requirements;
    }

    public PanfrostDevice Pfdev { get; }

    /// <summary>The submitting file (jobs can outlive it).</summary>
    public PanfrostFilePriv File { get; }

    public PanfrostMmu Mmu { get; }

    public int Slot { get; }

    public ulong Jc { get; }

    public uint Requirements { get; }

    public List<GemObject> Bos { get; } = new();

    public List<PanfrostGemMapping> Mappings { get; } = new();

    /// <summary>The hardware fence (done_fence), created when the job reaches the slot.</summary>
    public DmaFence? DoneFence { get; internal set; }

    /// <summary>The chain as the slot sees it, while on the hardware.</summary>
    internal HwJob? Hw { get; set; }

    /// <summary>
    /// panfrost_job_push(): lock the BOs' reservations (interruptibly), add their fences as implicit dependencies,
    /// queue the job and publish its fence as the BOs' write fence. 0 or -ERESTARTSYS.
    /// </summary>
    public int Push()
    {
        var locked = new List<GemObject>();
        try
        {
            // ww_mutex order: by object id, so two submitters never deadlock.
            foreach (var bo in Bos.Distinct().OrderBy(b => b.Id))
            {
                var err = LockInterruptible(bo.Lock);
                if (err != 0)
                    return err;
                locked.Add(bo);
            }
            foreach (var bo in locked)
                Dependencies.AddRange(bo.ImplicitDependencies(write: true));
            Entity.Sched.Push(this);
            foreach (var bo in locked)
                bo.Resv.AddFence(Finished, DmaResvUsage.Write);
            return 0;
        }
        finally
        {
            foreach (var bo in locked)
                Monitor.Exit(bo.Lock);
        }
    }

    /// <summary>panfrost_job_cleanup(): drop the mappings, BOs and address space. Idempotent.</summary>
    public void Cleanup()
    {
        if (Interlocked.Exchange(ref _cleanedUp, 1) != 0)
            return;
        foreach (var m in Mappings)
        {
            m.Obj.GpuUsecountDec();
            m.Put();
        }
        foreach (var bo in Bos)
            bo.Put();
        Mmu.Put();
    }

    /// <summary>dma_resv_lock_interruptible: a sleeping waiter gives up with -ERESTARTSYS when a signal arrives.</summary>
    internal static int LockInterruptible(object lockObj)
    {
        var task = TaskStruct.Current;
        while (!Monitor.TryEnter(lockObj, 1))
        {
            if (task is not null && task.Signals.HasPending)
                return -Errno.ERESTARTSYS;
        }
        return 0;
    }
}
