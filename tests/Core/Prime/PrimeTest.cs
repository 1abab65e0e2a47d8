using Igt.Drivers.Etnaviv;
using Igt.Drivers.I915;
using Igt.Drivers.Panfrost;
using Igt.Drivers.Vgem;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// Cross-device dma-buf tests: one machine with a vgem, a panfrost GPU and an etnaviv GPU (ARM SoC style, neither
/// snoops CPU caches) and an i915 (LLC, coherent). Subclasses override <see cref="Configure"/> to give devices DMA
/// constraints (no IOMMU, a limited window).
/// </summary>
public abstract class PrimeTest(ITestOutputHelper output) : IgtTest(output)
{
    private PrimeDevices? _devices;

    protected override void Configure(MachineConfig config)
    {
        config.WithDevice(new VgemSpec());
        config.WithDevice(new PanfrostSpec());
        config.WithDevice(new EtnavivSpec());
        config.WithDevice(new I915Spec());
    }

    /// <summary>The devices opened once per test (render nodes where the driver has one).</summary>
    protected PrimeDevices Dev => _devices ??= new PrimeDevices(Sys);
}
