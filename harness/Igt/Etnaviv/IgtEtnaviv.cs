using Igt.Drivers.Etnaviv;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Kernel.Sync;
using Igt.Os;

namespace Igt.Etnaviv;

/// <summary>
/// Device-level helpers for etnaviv tests (in the spirit of lib/igt_panfrost.c): open the device, deadlines for the
/// absolute-timeout ioctls, and the fault-injection knob that makes the GPU's front end slow.
/// </summary>
public static class IgtEtnaviv
{
    public const string DriverName = "etnaviv";

    /// <summary>Delay() this site to stall the GPU front end at the start of every job (e.g. to keep a job in flight).</summary>
    public static string FrontEndFaultSite => EtnavivGpu.FrontEndSite;

    /// <summary>drm_open_driver(DRIVER_ETNAVIV): the primary node; skips when there is no etnaviv device.</summary>
    public static int Open(ISyscalls sys) => Drm.DrmTest.OpenDriver(sys, DriverName);

    /// <summary>drm_open_driver_render(DRIVER_ETNAVIV).</summary>
    public static int OpenRender(ISyscalls sys) => Drm.DrmTest.OpenDriverRender(sys, DriverName);

    /// <summary>CLOCK_MONOTONIC now, in ns.</summary>
    public static long NowNs => KernelTime.MonotonicNs;

    /// <summary>An absolute deadline <paramref name="fromNow"/> ahead, as the timeout field of CPU_PREP, WAIT_FENCE and GEM_WAIT.</summary>
    public static DrmEtnavivTimespec Deadline(TimeSpan fromNow) => DrmEtnavivTimespec.FromNs(NowNs + (long)fromNow.TotalNanoseconds);

    /// <summary>A deadline that has already passed (a poll).</summary>
    public static DrmEtnavivTimespec Expired => DrmEtnavivTimespec.FromNs(NowNs - 1);
}
