using Igt.Drm;
using Igt.Kernel;

namespace Igt.Drivers.I915;

/// <summary>
/// An integrated Intel GPU in a machine config (PCI 0000:00:02.0, LLC, render and blitter engines). The graphics
/// version selects the platform (default 9, Skylake); the kernel version the driver behaves as comes from
/// MachineConfig.KernelVersion.
/// </summary>
public sealed class I915Spec : DrmDeviceSpec
{
    public override string Driver => "i915";

    public override string DevName => "0000:00:02.0";

    public int GraphicsVersion { get; init; } = 9;

    protected override DrmDriver CreateDriver(Machine machine) => new I915Driver(I915Platform.For(GraphicsVersion));

    protected override void Bind(DrmDevice dev) => ((I915Driver)dev.Driver).Bind(dev);
}
