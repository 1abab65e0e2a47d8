using Igt.Drivers.Etnaviv;
using Igt.Drivers.I915;
using Igt.Drivers.Panfrost;
using Igt.Drivers.Vgem;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// Base of prime_mmap and prime_busy: one machine with an i915 first (card0, IGT's exporter for both binaries),
/// then a vgem, an etnaviv and a panfrost, so the driver-independent checks run against every exporter.
/// </summary>
public abstract class PrimeExporterTest(ITestOutputHelper output) : IgtTest(output)
{
    private readonly Dictionary<string, PrimeExporter> _exporters = new();

    protected override void Configure(MachineConfig config)
    {
        config.WithDevice(new I915Spec());
        config.WithDevice(new VgemSpec());
        config.WithDevice(new EtnavivSpec());
        config.WithDevice(new PanfrostSpec());
    }

    /// <summary>The exporter for <paramref name="driver"/> ("i915", "vgem", "etnaviv", "panfrost"), one per test.</summary>
    protected PrimeExporter Exporter(string driver)
    {
        if (_exporters.TryGetValue(driver, out var e))
            return e;
        e = driver switch
        {
            "i915" => new I915PrimeExporter(Sys),
            "vgem" => new VgemPrimeExporter(Sys),
            "etnaviv" => new EtnavivPrimeExporter(Sys),
            "panfrost" => new PanfrostPrimeExporter(Sys),
            _ => throw new ArgumentException($"no prime exporter for {driver}", nameof(driver)),
        };
        _exporters[driver] = e;
        return e;
    }
}
