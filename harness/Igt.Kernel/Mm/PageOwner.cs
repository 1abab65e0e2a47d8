namespace Igt.Kernel.Mm;

/// <summary>What a physical page is used for (page_owner, simplified).</summary>
public enum PageOwner : byte
{
    Free = 0,
    /// <summary>Anonymous memory of a task.</summary>
    Anon,
    /// <summary>shmem backing store of a GEM object.</summary>
    Shmem,
    /// <summary>A CPU or GPU page-table page.</summary>
    PageTable,
    /// <summary>Kernel allocation (command buffers, rings, firmware).</summary>
    Kernel,
    /// <summary>Contiguous (CMA / dma-heap) allocation.</summary>
    Cma,
}
