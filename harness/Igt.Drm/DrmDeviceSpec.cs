using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drm;

/// <summary>Base for a DRM device in a machine config: creates the driver and registers the device's nodes.</summary>
public abstract class DrmDeviceSpec : DeviceSpec
{
    /// <summary>Platform/PCI device name for dmesg ("fde60000.gpu").</summary>
    public abstract string DevName { get; }

    /// <summary>
    /// The device's DMA requirements; null takes the driver's usual platform (<see cref="DefaultDma"/>). Tests set
    /// this to model e.g. a device without an IOMMU (contiguous) or with a limited address window.
    /// </summary>
    public DmaConstraints? Dma { get; init; }

    protected virtual DmaConstraints DefaultDma => DmaConstraints.CoherentIommu;

    /// <summary>Creates the driver instance bound to <paramref name="dev"/> (called once, before nodes are registered).</summary>
    protected abstract DrmDriver CreateDriver(Machine machine);

    /// <summary>Driver hardware init after the DrmDevice exists (engines, page tables, shrinker registration).</summary>
    protected virtual void Bind(DrmDevice dev) { }

    public override object Probe(Machine machine)
    {
        var index = machine.Devices.OfType<DrmDevice>().Count();
        var driver = CreateDriver(machine);
        var dev = new DrmDevice(machine, driver, index, DevName) { Dma = Dma ?? DefaultDma };
        Bind(dev);
        dev.Register();
        return dev;
    }
}
