namespace Igt.Stress.Fuzz;

/// <summary>What a field of a uAPI struct means, so generation can be typed (syzkaller's argument types).</summary>
public enum FieldKind
{
    /// <summary>A plain integer; <see cref="FuzzField.Values"/> are the interesting values.</summary>
    Int,

    /// <summary>A bit set; <see cref="FuzzField.Mask"/> holds the bits the kernel knows.</summary>
    Flags,

    /// <summary>One of <see cref="FuzzField.Values"/> (params, pipes, madvise states...).</summary>
    Enum,

    /// <summary>Must be zero.</summary>
    Pad,

    /// <summary>Written by the kernel; zero on input.</summary>
    Out,

    /// <summary>A size in bytes; <see cref="FuzzField.Values"/> are typical sizes.</summary>
    Size,

    /// <summary>An object the kernel knows (<see cref="FuzzField.Resource"/>), taken from earlier results.</summary>
    Resource,

    /// <summary>An object the kernel creates and writes back: later calls use it.</summary>
    ResourceOut,

    /// <summary>A user pointer to <see cref="FuzzField.Element"/>[count], count in <see cref="FuzzField.CountField"/>.</summary>
    ArrayPtr,

    /// <summary>A user pointer to a byte buffer whose length is in <see cref="FuzzField.CountField"/> (or Values[0]).</summary>
    BufPtr,

    /// <summary>The element count or byte length of a pointer field (set with it).</summary>
    Count,

    /// <summary>An absolute CLOCK_MONOTONIC deadline in ns.</summary>
    AbsTimeoutNs,

    /// <summary>A relative timeout in ns (negative = forever).</summary>
    RelTimeoutNs,

    /// <summary>struct drm_etnaviv_timespec (16 bytes): an absolute CLOCK_MONOTONIC deadline.</summary>
    AbsTimespec,

    /// <summary>A user address range start used by userptr ioctls; its size is the <see cref="FuzzField.CountField"/>.</summary>
    UserRange,
}
