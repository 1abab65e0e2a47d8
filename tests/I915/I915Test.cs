using Igt.Drivers.I915;
using Igt.Fixtures;
using Igt.I915;
using Igt.Kernel;
using Xunit.Abstractions;

namespace Igt.Tests.I915;

/// <summary>
/// Base of the i915 test binaries: one machine with an integrated Intel GPU (gen9, LLC) on the default kernel.
/// Subtests that need a kernel's older behaviour boot it with <see cref="BootKernel"/> first.
/// </summary>
public abstract class I915Test(ITestOutputHelper output) : IgtTest(output)
{
    private int? _fd;

    protected override void Configure(MachineConfig config) => config.WithDevice(new I915Spec());

    /// <summary>drm_open_driver(DRIVER_INTEL) of the test process, opened on first use.</summary>
    protected int Fd => _fd ??= Intel.Open(Sys);

    protected int Gen => Intel.Gen(Sys, Fd);

    /// <summary>The DRM minor of the device (debugfs dri/N).</summary>
    protected int Minor => 0;

    /// <summary>Boots the machine as kernel <paramref name="major"/>.<paramref name="minor"/> (and further tweaks).</summary>
    protected void BootKernel(int major, int minor, Action<MachineConfig>? tweak = null) =>
        Boot(cfg =>
        {
            cfg.KernelVersion = new KernelVersion(major, minor);
            tweak?.Invoke(cfg);
        });
}
