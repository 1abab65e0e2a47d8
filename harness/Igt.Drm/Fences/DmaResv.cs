using Igt.Kernel.Sync;

namespace Igt.Drm.Fences;

/// <summary>
/// struct dma_resv: the implicit-sync fences of a buffer (writers, readers). Also the buffer's lock
/// (<see cref="Lock"/>), as dma_resv_lock is in the kernel.
/// </summary>
public sealed class DmaResv
{
    private readonly List<(DmaFence Fence, DmaResvUsage Usage)> _fences = new();

    public object Lock { get; } = new();

    public void AddFence(DmaFence fence, DmaResvUsage usage)
    {
        lock (_fences)
        {
            _fences.RemoveAll(f => f.Fence.IsSignaled);
            // A fence of the same context replaces the older one, as dma_resv_add_fence does.
            _fences.RemoveAll(f => f.Fence.Context == fence.Context && f.Fence.Context != 0 && f.Usage == usage);
            _fences.Add((fence, usage));
        }
    }

    /// <summary>Fences with usage up to and including <paramref name="usage"/> (Write = writers only, Read = all).</summary>
    public IReadOnlyList<DmaFence> GetFences(DmaResvUsage usage)
    {
        lock (_fences)
            return _fences.Where(f => f.Usage <= usage && !f.Fence.IsSignaled).Select(f => f.Fence).ToList();
    }

    /// <summary>dma_resv_test_signaled().</summary>
    public bool TestSignaled(DmaResvUsage usage) => GetFences(usage).Count == 0;

    /// <summary>dma_resv_wait_timeout(): remaining (&gt; 0), 0 on timeout, -ERESTARTSYS.</summary>
    public long Wait(DmaResvUsage usage, bool interruptible, long timeoutNs = WaitQueue.Forever)
    {
        var fences = GetFences(usage);
        return DmaFence.WaitMany(fences, waitAll: true, interruptible, timeoutNs, out _);
    }
}
