namespace Igt.Kernel.Process;

/// <summary>vm_fault_t results a VMA's fault handler returns.</summary>
public enum VmFault
{
    NoPage = 0,
    SigBus,
    SigSegv,
    Oom,
}
