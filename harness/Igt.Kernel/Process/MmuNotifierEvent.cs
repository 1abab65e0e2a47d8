namespace Igt.Kernel.Process;

/// <summary>enum mmu_notifier_event: why a range is being invalidated.</summary>
public enum MmuNotifierEvent
{
    Unmap,
    Clear,
    ProtectionVma,
    ProtectionPage,
    SoftDirty,
    Release,
    Migrate,
}
