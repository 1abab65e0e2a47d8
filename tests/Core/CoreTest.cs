using Igt.Drivers.Vgem;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.Core;

/// <summary>Core tests run on vgem (as IGT's driver-independent tests do) with a second vgem for cross-device cases.</summary>
public abstract class CoreTest(ITestOutputHelper output) : IgtTest(output)
{
    protected override void Configure(MachineConfig config)
    {
        config.WithDevice(new VgemSpec());
        config.WithDevice(new VgemSpec());
    }
}
