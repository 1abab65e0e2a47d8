namespace Igt.Kernel.Process;

/// <summary>vm_operations_struct for mappings of files and devices.</summary>
public interface IVmOperations
{
    /// <summary>
    /// Resolves a fault at <see cref="VmFaultContext.PgOff"/>. The handler installs the page with
    /// <see cref="VmFaultContext.InsertPage"/> while it holds whatever lock keeps the page alive.
    /// </summary>
    VmFault Fault(VmFaultContext vmf);

    /// <summary>A new VMA refers to the same object (fork, split).</summary>
    void Open(Vma vma) { }

    /// <summary>The VMA goes away (munmap, exit).</summary>
    void Close(Vma vma) { }
}
