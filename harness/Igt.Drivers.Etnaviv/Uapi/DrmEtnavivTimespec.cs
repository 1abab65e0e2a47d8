using System.Runtime.InteropServices;

namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>struct drm_etnaviv_timespec (16 bytes): an absolute CLOCK_MONOTONIC deadline.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct DrmEtnavivTimespec
{
    public long TvSec;
    public long TvNsec;

    public readonly long ToNs() => TvSec * 1_000_000_000L + TvNsec;

    public static DrmEtnavivTimespec FromNs(long ns) => new() { TvSec = ns / 1_000_000_000L, TvNsec = ns % 1_000_000_000L };
}
