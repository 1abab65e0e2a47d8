using Igt.Core;
using Igt.Drivers.Etnaviv;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// Base of the etnaviv tests: a machine with one etnaviv device, by default the MMUv1 GC2000 (the generation the
/// kernel validates streams for). <see cref="BootMmu"/> boots the other generation or tweaks the machine.
/// </summary>
public abstract class EtnavivTest(ITestOutputHelper output) : IgtTest(output)
{
    private int _fd = -1;

    protected virtual EtnavivIommuVersion Mmu => EtnavivIommuVersion.V1;

    /// <summary>An fd of the device's primary node, opened on first use.</summary>
    protected int Fd => _fd >= 0 ? _fd : _fd = IgtEtnaviv.Open(Sys);

    protected override void Configure(MachineConfig config) => config.WithDevice(new EtnavivSpec(Mmu));

    /// <summary>Boots the test's machine with an etnaviv core of the given MMU generation.</summary>
    protected Machine BootMmu(EtnavivIommuVersion mmu, Action<MachineConfig>? tweak = null) =>
        Boot(cfg =>
        {
            cfg.Devices.Clear();
            cfg.WithDevice(new EtnavivSpec(mmu));
            tweak?.Invoke(cfg);
        });

    /// <summary>
    /// A /proc/meminfo field once it settles at <paramref name="expected"/> (or its last value after 2 s): jobs retire
    /// and drop their BO references just after their fences signal, as in the kernel.
    /// </summary>
    protected long MeminfoSettled(string field, long expected)
    {
        long value = 0;
        SpinWait.SpinUntil(() => (value = Os.Thrash.MeminfoField(Sys, field)) == expected, 2000);
        return value;
    }

    /// <summary>
    /// Makes the GPU's front end wait <paramref name="perJob"/> at the start of every job (fault injection), the way
    /// these tests keep a job in flight. Keep it under ~900 ms or hangcheck declares a hang.
    /// </summary>
    protected void StallFrontEnd(TimeSpan perJob)
    {
        IgtCore.Require(Sys.IsEmulated, "fault injection (emulated machine)");
        Machine.Faults.Delay(IgtEtnaviv.FrontEndFaultSite, perJob);
    }

    /// <summary>DRM_ERROR and dev_err lines a bad-argument test provokes on purpose.</summary>
    protected void IgnoreSubmitErrors() => IgnoreDmesg(@"\[drm:\w+ \[etnaviv\]\] \*ERROR\*|etnaviv-gpu [0-9a-f]+\.gpu: etnaviv_(cmd_validate_one|validate_load_state)");
}
