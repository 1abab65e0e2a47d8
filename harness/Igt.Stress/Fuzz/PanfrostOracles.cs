using Igt.Drivers.Panfrost.Uapi;

namespace Igt.Stress.Fuzz;

/// <summary>uAPI rules of panfrost the fuzzer checks beyond errno sets.</summary>
public static class PanfrostOracles
{
    /// <summary>
    /// panfrost_ioctl_madvise(): DONTNEED needs the caller to be the BO's only user (one mapping per file); a BO with
    /// handles in two files (flink/prime shared) must get -EINVAL. Two handles in one file share its one mapping.
    /// </summary>
    public static string? MadviseSharedBo(FuzzCallView c)
    {
        if (c.Ret != 0 || c.Field("madv") != PanfrostIoctls.MadvDontneed)
            return null;
        var bo = c.Handle(c.Field("handle"));
        return bo is not null && c.Resources.FilesHolding(bo.ObjId) > 1
            ? "MADVISE(DONTNEED) accepted on a BO shared with another file"
            : null;
    }
}
