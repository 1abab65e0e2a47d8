using Igt.Kernel;

namespace Igt.Stress.Fuzz;

/// <summary>
/// What an ioctl may return to userspace: 0 or a negative errno the uAPI uses. Kernel-internal codes
/// (ERESTARTSYS, ENOIOCTLCMD, ENOTSUPP...) and positive values are findings.
/// </summary>
public static class FuzzErrnos
{
    private static readonly HashSet<int> Allowed =
    [
        Errno.EPERM, Errno.ENOENT, Errno.ESRCH, Errno.EINTR, Errno.EIO, Errno.ENXIO, Errno.E2BIG, Errno.ENOEXEC, Errno.EBADF,
        Errno.EAGAIN, Errno.ENOMEM, Errno.EACCES, Errno.EFAULT, Errno.EBUSY, Errno.EEXIST, Errno.ENODEV, Errno.EINVAL,
        Errno.EMFILE, Errno.ENOTTY, Errno.ENOSPC, Errno.ERANGE, Errno.EDEADLK, Errno.ENOSYS, Errno.ETIME, Errno.EOPNOTSUPP,
        Errno.ETIMEDOUT, Errno.EALREADY, Errno.ECANCELED,
    ];

    /// <summary>Null when <paramref name="ret"/> is a result userspace may see, else what is wrong with it.</summary>
    public static string? Check(int ret) =>
        ret == 0 || (ret < 0 && Allowed.Contains(-ret))
            ? null
            : ret > 0 ? "a positive value" : $"{ret} ({Errno.Name(-ret)})";
}
