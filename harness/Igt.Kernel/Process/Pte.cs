using Igt.Kernel.Mm;

namespace Igt.Kernel.Process;

/// <summary>A CPU page-table entry: a present page, a swap entry, or nothing.</summary>
internal struct Pte
{
    public PageRef Page;
    public SwapEntry Swap;
    public bool Present;
    public bool Writable;
    /// <summary>Write-protected for copy-on-write after fork.</summary>
    public bool Cow;
    /// <summary>A device/object page the mm does not own (vmf_insert_pfn).</summary>
    public bool Special;
    public bool Accessed;
    /// <summary>Cacheable mapping of non-coherent device memory: CPU accesses go through the CPU cache model.</summary>
    public bool Cached;
}
