using Igt.Drivers.Panfrost.Hw;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// panfrost_reset() and the in-flight part of panfrost_job_close(). A reset soft-stops every slot (10 ms, else
/// "Soft-stop failed"), resets the MMU (every context loses its AS), cancels the guilty job and the other chains of
/// its entity with -ECANCELED, and resumes the innocent chains where they stopped. Submission to the hardware is
/// serialised against it.
/// </summary>
public sealed class PanfrostReset(PanfrostDevice pfdev)
{
    private readonly object _lock = new();
    private long _count;

    /// <summary>GPU resets since boot.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Runs a hardware submission so it never interleaves with a reset.</summary>
    internal void Serialize(Action submit)
    {
        lock (_lock)
            submit();
    }

    /// <summary>Resets the GPU after <paramref name="bad"/> timed out.</summary>
    public void Run(PanfrostJob bad)
    {
        var cancelled = new List<(PanfrostJobQueue Queue, PanfrostJob Job)>();
        lock (_lock)
        {
            Interlocked.Increment(ref _count);
            var stopped = true;
            foreach (var q in pfdev.Queues)
                stopped &= q.Slot.Halt(TimeSpan.FromMilliseconds(10));
            if (!stopped)
            {
                pfdev.Dev.DevErr("Soft-stop failed");
                foreach (var q in pfdev.Queues)
                    q.Slot.WaitStopped();
            }
            var drained = pfdev.Queues.Select(q => (Queue: q, Jobs: q.Slot.Drain())).ToList();
            pfdev.AddressSpaces.Reset();
            foreach (var (q, jobs) in drained)
            {
                var keep = new List<HwJob>();
                foreach (var hw in jobs)
                {
                    var job = (PanfrostJob)hw.Owner;
                    if (ReferenceEquals(job.Entity, bad.Entity))
                    {
                        cancelled.Add((q, job));
                        continue;
                    }
                    hw.Config = pfdev.JsConfig(pfdev.AddressSpaces.Get(job.Mmu, out var generation));
                    hw.AsGeneration = generation;
                    keep.Add(hw);
                }
                q.Slot.Resume(keep);
            }
        }
        // drm_sched_resubmit_jobs(): the guilty entity's jobs finish with -ECANCELED instead of running again.
        foreach (var (q, job) in cancelled)
            q.Cancel(job);
    }

    /// <summary>panfrost_job_close(): hard-stop the file's chains on the hardware; they end TERMINATED (-ECANCELED).</summary>
    public void KillFile(PanfrostFilePriv file)
    {
        var cancelled = new List<(PanfrostJobQueue Queue, HwJob Hw)>();
        lock (_lock)
        {
            file.Closed = true;
            foreach (var q in pfdev.Queues)
                foreach (var hw in q.Slot.HardStop(hw => ReferenceEquals(((PanfrostJob)hw.Owner).File, file)))
                    cancelled.Add((q, hw));
        }
        foreach (var (q, hw) in cancelled)
            q.Complete((PanfrostJob)hw.Owner, hw, new JobResult(PanfrostException.Terminated, hw.Jc, hw.Jc));
    }

    /// <summary>Machine shutdown: stop the slots and complete whatever they still held.</summary>
    public void Shutdown()
    {
        var left = new List<(PanfrostJobQueue Queue, HwJob Hw)>();
        lock (_lock)
        {
            foreach (var q in pfdev.Queues)
            {
                q.Slot.Shutdown();
                foreach (var hw in q.Slot.Drain())
                    left.Add((q, hw));
            }
        }
        foreach (var (q, hw) in left)
            q.Complete((PanfrostJob)hw.Owner, hw, new JobResult(PanfrostException.Terminated, hw.Jc, hw.Jc));
    }
}
