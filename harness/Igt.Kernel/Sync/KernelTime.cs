using System.Diagnostics;

namespace Igt.Kernel.Sync;

/// <summary>CLOCK_MONOTONIC for the emulated kernel and its userspace (one clock for the whole process).</summary>
public static class KernelTime
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    /// <summary>Nanoseconds since an arbitrary origin, like clock_gettime(CLOCK_MONOTONIC). Starts at 1 s.</summary>
    public static long MonotonicNs =>
        1_000_000_000L + (long)((Stopwatch.GetTimestamp() - Origin) * (1e9 / Stopwatch.Frequency));

    /// <summary>Relative timeout (ns) until an absolute CLOCK_MONOTONIC deadline; 0 when it has passed.</summary>
    public static long UntilDeadline(long absoluteNs) => Math.Max(0, absoluteNs - MonotonicNs);
}
