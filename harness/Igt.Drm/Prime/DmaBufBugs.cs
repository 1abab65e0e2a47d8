namespace Igt.Drm.Prime;

/// <summary>
/// Known bugs of the dma-buf core and the GEM PRIME helpers, switched on as "dmabuf.&lt;Name&gt;"
/// (MachineConfig.KnownBugs, IGT_KNOWN_BUGS). Each is caught by a named test in tests/Core/Prime.
/// </summary>
public static class DmaBufBugs
{
    public const string Driver = "dmabuf";

    /// <summary>mmap of an imported BO through the importer's DRM node maps the pages itself instead of forwarding
    /// to the exporter (dma_buf_mmap), so the exporter neither applies its caching nor zaps the mapping when it
    /// moves the pages.</summary>
    public const string ImportedMmapBypassesExporter = "ImportedMmapBypassesExporter";

    /// <summary>DMA_BUF_IOCTL_SYNC validates its flags and returns 0 without waiting or cache maintenance.</summary>
    public const string SyncIoctlNoop = "SyncIoctlNoop";

    /// <summary>Deferred allocation ignores the attached devices' constraints, and attach does not check them.</summary>
    public const string IgnoreAttachConstraints = "IgnoreAttachConstraints";

    /// <summary>A job on an imported buffer does not wait for the fences other devices left on it.</summary>
    public const string NoImplicitSync = "NoImplicitSync";
}
