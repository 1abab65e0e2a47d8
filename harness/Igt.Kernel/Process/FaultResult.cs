namespace Igt.Kernel.Process;

/// <summary>Outcome of a CPU access from userspace: the signal the access would raise, or Ok.</summary>
public enum FaultResult
{
    Ok = 0,
    /// <summary>SIGSEGV, SEGV_MAPERR: nothing mapped there.</summary>
    SegvMapErr,
    /// <summary>SIGSEGV, SEGV_ACCERR: mapped without the needed permission.</summary>
    SegvAccErr,
    /// <summary>SIGBUS: the mapping's backing store is gone (purged object, unplugged device).</summary>
    Bus,
    /// <summary>The page could not be allocated (OOM).</summary>
    Oom,
}
