namespace Igt.Drm.Fences;

/// <summary>enum dma_resv_usage: how a fence uses the buffer, in increasing order of inclusiveness.</summary>
public enum DmaResvUsage
{
    Kernel = 0,
    Write = 1,
    Read = 2,
    Bookkeep = 3,
}
