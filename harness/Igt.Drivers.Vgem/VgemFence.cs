using Igt.Drm.Fences;

namespace Igt.Drivers.Vgem;

/// <summary>
/// struct vgem_fence: a dma_fence userspace signals with VGEM_FENCE_SIGNAL. A timer signals it after
/// <see cref="Timeout"/> whatever userspace does, so a forgotten fence cannot hang its waiters.
/// </summary>
public sealed class VgemFence : DmaFence
{
    /// <summary>VGEM_FENCE_TIMEOUT (10 * HZ).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private Timer? _timer;

    public VgemFence()
        : base(AllocContext(), 1, "vgem", "unbound")
    {
        // mod_timer(jiffies + VGEM_FENCE_TIMEOUT).
        _timer = new Timer(static s => ((VgemFence)s!).Expire(), this, Timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>vgem_fence_timeout: the timer fired before userspace signalled.</summary>
    private void Expire()
    {
        Signal();
        StopTimer();
    }

    /// <summary>timer_delete_sync (vgem_fence_release): the fence is done with.</summary>
    public void StopTimer() => Interlocked.Exchange(ref _timer, null)?.Dispose();
}
