using Igt.Kernel.Mm;

namespace Igt.Kernel.Process;

/// <summary>struct vm_fault: what faulted and how to install the answer.</summary>
public sealed class VmFaultContext
{
    internal VmFaultContext(Vma vma, ulong address, bool write)
    {
        Vma = vma;
        Address = address & ~(ulong)(PageAllocator.PageSize - 1);
        Write = write;
        PgOff = vma.PgOff + ((Address - vma.Start) >> PageAllocator.PageShift);
    }

    public Vma Vma { get; }

    public ulong Address { get; }

    /// <summary>Page offset inside the mapped object.</summary>
    public ulong PgOff { get; }

    public bool Write { get; }

    internal bool Inserted { get; private set; }

    /// <summary>vmf_insert_pfn(): map <paramref name="page"/> at the faulting address (a "special" PTE the mm does not own).</summary>
    public void InsertPage(PageRef page, bool writable)
    {
        Vma.Mm.InstallSpecialPte(Address, page, writable && (Vma.Prot & Prot.Write) != 0,
            cached: Vma.NonCoherent && Vma.CacheMode == CacheMode.WriteBack);
        Inserted = true;
    }
}
