namespace Igt.Kernel.Mm;

/// <summary>Allocation flags that change how the allocator behaves.</summary>
[Flags]
public enum GfpFlags
{
    Kernel = 0,
    /// <summary>Return the page zeroed (GFP_ZERO). Without it the page holds the free poison.</summary>
    Zero = 1,
    /// <summary>No direct reclaim (GFP_NOWAIT / GFP_ATOMIC): fail at once when no page is free.</summary>
    NoReclaim = 2,
    /// <summary>Do not warn / count as a failure when the allocation fails (__GFP_NOWARN).</summary>
    NoWarn = 4,
}
