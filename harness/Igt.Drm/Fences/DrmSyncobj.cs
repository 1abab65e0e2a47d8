using Igt.Kernel.Sync;

namespace Igt.Drm.Fences;

/// <summary>struct drm_syncobj: a container for a fence that can be replaced; waiters can wait for a fence to appear.</summary>
public sealed class DrmSyncobj
{
    private DmaFence? _fence;

    /// <summary>Woken when a fence is attached (WAIT_FOR_SUBMIT) or signals.</summary>
    public WaitQueue Wq { get; } = new();

    public DmaFence? Fence
    {
        get => Volatile.Read(ref _fence);
    }

    /// <summary>drm_syncobj_replace_fence().</summary>
    public void ReplaceFence(DmaFence? fence)
    {
        Volatile.Write(ref _fence, fence);
        fence?.AddCallback(_ => Wq.WakeUpAll());
        Wq.WakeUpAll();
    }
}
