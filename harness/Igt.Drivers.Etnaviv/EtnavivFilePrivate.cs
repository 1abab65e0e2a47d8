using Igt.Drm.Fences;
using Igt.Drm.Scheduler;

namespace Igt.Drivers.Etnaviv;

/// <summary>struct etnaviv_file_private: the client's MMU context, its scheduler entity per pipe, and its jobs not yet on the hardware.</summary>
public sealed class EtnavivFilePrivate(EtnavivIommuContext mmu)
{
    private readonly List<DmaFence> _queued = new();

    public EtnavivIommuContext Mmu { get; } = mmu;

    public DrmSchedEntity?[] SchedEntity { get; } = new DrmSchedEntity?[Uapi.EtnavivIoctls.MaxPipes];

    /// <summary>Remembers a pushed job's scheduled fence (for the flush at close).</summary>
    internal void Queued(DmaFence scheduled)
    {
        lock (_queued)
        {
            _queued.RemoveAll(f => f.IsSignaled);
            _queued.Add(scheduled);
        }
    }

    internal List<DmaFence> TakeQueued()
    {
        lock (_queued)
        {
            var list = _queued.Where(f => !f.IsSignaled).ToList();
            _queued.Clear();
            return list;
        }
    }
}
