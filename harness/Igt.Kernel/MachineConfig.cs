namespace Igt.Kernel;

/// <summary>What to boot: RAM and swap budget, kernel version, devices, known bugs, and the seed of all randomness.</summary>
public sealed class MachineConfig
{
    public ulong Seed { get; set; } = 1;

    /// <summary>RAM budget; small by default so tests can exceed it.</summary>
    public long RamBytes { get; set; } = 64L << 20;

    public long SwapBytes { get; set; } = 256L << 20;

    public KernelVersion KernelVersion { get; set; } = KernelVersion.Default;

    /// <summary>Background reclaim thread; tests that want reclaim only on demand can turn it off.</summary>
    public bool Kswapd { get; set; } = true;

    public List<DeviceSpec> Devices { get; } = new();

    /// <summary>Switched-on known bugs, named "driver.BugName" (e.g. "panfrost.MappingOnObject").</summary>
    public HashSet<string> KnownBugs { get; } = new(StringComparer.Ordinal);

    public MachineConfig WithDevice(DeviceSpec spec)
    {
        Devices.Add(spec);
        return this;
    }

    public MachineConfig WithBug(string driver, string bug)
    {
        KnownBugs.Add($"{driver}.{bug}");
        return this;
    }

    public override string ToString() =>
        $"seed=0x{Seed:x} ram={RamBytes >> 20}MiB swap={SwapBytes >> 20}MiB kernel={KernelVersion} " +
        $"devices=[{string.Join(",", Devices.Select(d => d.Driver))}]" +
        (KnownBugs.Count > 0 ? $" bugs=[{string.Join(",", KnownBugs.Order())}]" : "");
}
