using Igt.Drm;
using Igt.Kernel;

namespace Igt.Drivers.Vgem;

/// <summary>A vgem device in a machine config.</summary>
public sealed class VgemSpec : DrmDeviceSpec
{
    public override string Driver => "vgem";

    public override string DevName => "vgem";

    protected override DrmDriver CreateDriver(Machine machine) => new VgemDriver();
}
