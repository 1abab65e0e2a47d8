namespace Igt.Kernel.Process;

/// <summary>vm_flags bits that change fault, fork and get_user_pages behaviour.</summary>
[Flags]
public enum VmaFlags
{
    None = 0,
    Shared = 1,
    /// <summary>VM_PFNMAP | VM_IO: device memory; get_user_pages refuses it, fork does not copy its PTEs.</summary>
    PfnMap = 2,
    /// <summary>VM_DONTFORK.</summary>
    DontFork = 4,
}
