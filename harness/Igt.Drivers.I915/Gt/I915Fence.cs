using Igt.Drivers.I915.Hw;
using Igt.Drm.Fences;

namespace Igt.Drivers.I915.Gt;

/// <summary>A request's fence (dma_fence_is_i915): knows its engine, so GEM_BUSY can name the engine class.</summary>
public sealed class I915Fence(I915Engine engine, ulong context, ulong seqno, string timeline)
    : DmaFence(context, seqno, "i915", timeline)
{
    public I915Engine Engine { get; } = engine;
}
