using Igt.Drivers.Vgem;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.Vgem;

/// <summary>vgem tests: one vgem device, as on a machine where only vgem.ko is loaded.</summary>
public abstract class VgemTest(ITestOutputHelper output) : IgtTest(output)
{
    protected override void Configure(MachineConfig config) => config.WithDevice(new VgemSpec());
}
