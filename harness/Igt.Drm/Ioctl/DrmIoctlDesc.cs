namespace Igt.Drm.Ioctl;

/// <summary>
/// An ioctl handler: gets the kernel copy of the argument (zero-extended to the kernel's struct size) and returns
/// 0 or a negative errno. The dispatcher copies the struct back to userspace afterwards.
/// </summary>
public delegate int DrmIoctlHandler(DrmDevice dev, Span<byte> data, DrmFile file);

/// <summary>struct drm_ioctl_desc: one row of an ioctl table.</summary>
public sealed record DrmIoctlDesc(uint Cmd, DrmIoctlFlags Flags, DrmIoctlHandler Handler, string Name)
{
    /// <summary>The fault-injection site of this ioctl ("ioctl:NAME"), built once.</summary>
    public string FaultSite { get; } = Igt.Kernel.Fault.FaultSites.Ioctl(Name);
}
