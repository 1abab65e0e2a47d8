using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// An etnaviv device in a machine config: one Vivante 3D core on pipe 0. <see cref="EtnavivIommuVersion.V1"/> boots
/// the i.MX6Q's GC2000 (rev 0x5108; the kernel validates command streams), <see cref="EtnavivIommuVersion.V2"/> the
/// i.MX8MQ's GC7000L (rev 0x6214; per-client page tables, no validation), or give any identity.
/// </summary>
public sealed class EtnavivSpec : DrmDeviceSpec
{
    public EtnavivSpec(EtnavivIommuVersion mmu = EtnavivIommuVersion.V1)
        : this(mmu == EtnavivIommuVersion.V1 ? EtnavivChipIdentity.Gc2000 : EtnavivChipIdentity.Gc7000L)
    {
    }

    public EtnavivSpec(EtnavivChipIdentity identity)
    {
        Identity = identity;
        CoreName = identity.MmuVersion == EtnavivIommuVersion.V1 ? "130000.gpu" : "38000000.gpu";
    }

    public EtnavivChipIdentity Identity { get; }

    /// <summary>The core's platform device name (dev_err of the GPU).</summary>
    public string CoreName { get; init; }

    public override string Driver => "etnaviv";

    /// <summary>The DRM device is the virtual "etnaviv" platform device that binds the cores.</summary>
    public override string DevName => "etnaviv";

    /// <summary>Vivante on an ARM SoC: its own MMU, no cache snooping; CACHED BOs need CPU_PREP/CPU_FINI maintenance.</summary>
    protected override DmaConstraints DefaultDma => DmaConstraints.NonCoherentIommu;

    protected override DrmDriver CreateDriver(Machine machine) => new EtnavivDriver();

    protected override void Bind(DrmDevice dev)
    {
        var err = ((EtnavivDriver)dev.Driver).Load(dev, Identity, CoreName);
        if (err != 0)
            throw new InvalidOperationException($"etnaviv bind failed: {Errno.Name(err)}");
    }
}
