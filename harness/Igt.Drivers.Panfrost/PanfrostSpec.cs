using Igt.Drivers.Panfrost.Hw;
using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Panfrost;

/// <summary>A panfrost GPU in a machine config: a platform device with a Mali model behind it.</summary>
public sealed class PanfrostSpec : DrmDeviceSpec
{
    public override string Driver => "panfrost";

    /// <summary>The platform device name dev_err prints (the RK3568's GPU by default).</summary>
    public override string DevName => DeviceName;

    /// <summary>Mali on an ARM SoC: its own MMU, no cache snooping (no "dma-coherent" in the device tree), so BOs map write-combined.</summary>
    protected override DmaConstraints DefaultDma => DmaConstraints.NonCoherentIommu;

    public string DeviceName { get; init; } = "fde60000.gpu";

    public MaliGpuModel Model { get; init; } = MaliGpuModel.MaliG52;

    /// <summary>The panfrost.unstable_ioctls module parameter: off by default, so PERFCNT_* answer -ENOSYS.</summary>
    public bool UnstableIoctls { get; init; }

    /// <summary>GPU time one job descriptor costs; a looping chain keeps a slot busy until the scheduler timeout.</summary>
    public TimeSpan JobCost { get; init; } = TimeSpan.FromMicroseconds(20);

    /// <summary>JOB_TIMEOUT_MS of panfrost_job.c.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    protected override DrmDriver CreateDriver(Machine machine) => new PanfrostDriver(machine, this);

    protected override void Bind(DrmDevice dev) => ((PanfrostDriver)dev.Driver).Bind(dev);
}
