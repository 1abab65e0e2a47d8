namespace Igt.Kernel.Fault;

/// <summary>Fault-injection sites consulted by the core. Drivers add their own (e.g. "engine:js0").</summary>
public static class FaultSites
{
    /// <summary>Page allocation (fail_page_alloc).</summary>
    public const string AllocPage = "alloc_page";

    /// <summary>Every user page fault handled by an address space (delay it to emulate slow swap-in).</summary>
    public const string PageFault = "page_fault";

    /// <summary>copy_from_user / copy_to_user.</summary>
    public const string CopyUser = "copy_user";

    /// <summary>PRIME_HANDLE_TO_FD between the handle lookup and the export (park it to race a GEM_CLOSE).</summary>
    public const string PrimeHandleToFd = "drm_gem_prime_handle_to_fd";

    /// <summary>Prefix for an ioctl handler by name, e.g. "ioctl:GEM_CLOSE".</summary>
    public static string Ioctl(string name) => "ioctl:" + name;

    /// <summary>Prefix for an engine by name, e.g. "engine:js1" (stall it with Delay).</summary>
    public static string Engine(string name) => "engine:" + name;
}
