using Igt.Drivers.Etnaviv;
using Igt.Drivers.I915;
using Igt.Drivers.Panfrost;
using Igt.Drivers.Vgem;
using Igt.Kernel;

namespace Igt.Stress.Fuzz;

/// <summary>
/// What one fuzz target boots and calls: a device and its driver's ioctl descriptions, plus the core ones
/// (the "core" target fuzzes only the core table, on vgem).
/// </summary>
public sealed record FuzzTarget(string Name, string Driver, Func<DeviceSpec> Device, IReadOnlyList<FuzzIoctl> Ioctls)
{
    public static IReadOnlyList<string> Names { get; } = ["core", "vgem", "panfrost", "etnaviv", "i915"];

    public void Configure(MachineConfig config) => config.Devices.Add(Device());

    public static FuzzTarget Get(string name) => name switch
    {
        "core" => new("core", "vgem", () => new VgemSpec(), CoreDescriptions.All),
        "vgem" => new("vgem", "vgem", () => new VgemSpec(), [.. CoreDescriptions.All, .. VgemDescriptions.All]),
        // unstable_ioctls on, so PERFCNT_* reach their code instead of -ENOSYS.
        "panfrost" => new("panfrost", "panfrost", () => new PanfrostSpec { UnstableIoctls = true },
            [.. CoreDescriptions.All, .. PanfrostDescriptions.All]),
        // MMUv2 (GC7000L): softpin and per-client page tables, no stream validator in the way of execution.
        "etnaviv" => new("etnaviv", "etnaviv", () => new EtnavivSpec(EtnavivIommuVersion.V2),
            [.. CoreDescriptions.All, .. EtnavivDescriptions.All]),
        "i915" => new("i915", "i915", () => new I915Spec(), [.. CoreDescriptions.All, .. I915Descriptions.All]),
        _ => throw new ArgumentException($"unknown fuzz target '{name}' (known: {string.Join(", ", Names)})"),
    };
}
