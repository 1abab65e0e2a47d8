using Igt.Drivers.I915.Gem;
using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Hw;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Kernel;

namespace Igt.Drivers.I915;

/// <summary>
/// drm_i915_private: the device state behind the ioctls: platform, engines, hangcheck, error state, shrinker,
/// mmap offsets and the userptr notifier lock. <see cref="From"/> is to_i915(dev).
/// </summary>
public sealed class I915Private
{
    public I915Private(DrmDevice drm, I915Platform platform)
    {
        Drm = drm;
        Platform = platform;
        Rcs = new I915Engine(this, "rcs0", I915EngineClass.Render, 0);
        Bcs = new I915Engine(this, "bcs0", I915EngineClass.Copy, 0);
        Engines = [Rcs, Bcs];
        Hangcheck = new I915Hangcheck(this);
        GpuError = new I915GpuError(this);
        Shrinker = new I915Shrinker(this);
    }

    public DrmDevice Drm { get; }

    public Machine Machine => Drm.Machine;

    public I915Platform Platform { get; }

    public I915Engine Rcs { get; }

    public I915Engine Bcs { get; }

    public IReadOnlyList<I915Engine> Engines { get; }

    public I915Hangcheck Hangcheck { get; }

    public I915GpuError GpuError { get; }

    public I915Shrinker Shrinker { get; }

    public I915MmapOffsets MmapOffsets { get; } = new();

    /// <summary>i915->mm.notifier_lock: execbuf's final userptr check and the notifier's barrier.</summary>
    public object NotifierLock { get; } = new();

    /// <summary>Userptr as before the 5.13 rework: UNSYNCHRONIZED for root, use from other processes, dma-buf export.</summary>
    public bool LegacyUserptr => !Machine.Version.AtLeast(5, 13);

    /// <summary>I915_USERPTR_PROBE (taken to arrive with the 5.13 userptr rework).</summary>
    public bool HasUserptrProbe => Machine.Version.AtLeast(5, 13);

    public bool Bug(string name) => Machine.BugEnabled(I915KnownBugs.Driver, name);

    public static I915Private From(DrmDevice dev) =>
        ((I915Driver)dev.Driver).I915 ?? throw new InvalidOperationException("i915 device not bound");

    /// <summary>The engine an execbuf's ring selector names, or null (-EINVAL).</summary>
    public I915Engine? EngineFor(ulong ring) => ring switch
    {
        I915ExecFlags.Default or I915ExecFlags.Render => Rcs,
        I915ExecFlags.Blt => Bcs,
        _ => null,
    };

    public void StopEngines()
    {
        foreach (var e in Engines)
            e.Stop();
    }
}
