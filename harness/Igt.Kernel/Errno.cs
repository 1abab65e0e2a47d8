namespace Igt.Kernel;

/// <summary>asm-generic errno values (x86-64, arm64). Kernel functions return 0 or a negative errno.</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int E2BIG = 7;
    public const int ENOEXEC = 8;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int EMFILE = 24;
    public const int ENOTTY = 25;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int EDEADLK = 35;
    public const int ENOSYS = 38;
    public const int ETIME = 62;
    public const int EOPNOTSUPP = 95;
    public const int ETIMEDOUT = 110;
    public const int EALREADY = 114;
    public const int ECANCELED = 125;

    // Kernel-internal: never seen by userspace on a correct path.
    public const int ERESTARTSYS = 512;
    public const int ERESTARTNOINTR = 513;

    /// <summary>Restart only if no handler ran (poll, select): with a handler the caller sees EINTR, SA_RESTART or not.</summary>
    public const int ERESTARTNOHAND = 514;
    public const int ENOIOCTLCMD = 515;
    public const int ENOTSUPP = 524;

    private static readonly Dictionary<int, string> Names = new()
    {
        [EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR", [EIO] = "EIO",
        [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC", [EBADF] = "EBADF", [EAGAIN] = "EAGAIN",
        [ENOMEM] = "ENOMEM", [EACCES] = "EACCES", [EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
        [ENODEV] = "ENODEV", [EINVAL] = "EINVAL", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY", [ENOSPC] = "ENOSPC",
        [ERANGE] = "ERANGE", [EDEADLK] = "EDEADLK", [ENOSYS] = "ENOSYS", [ETIME] = "ETIME",
        [EOPNOTSUPP] = "EOPNOTSUPP", [ETIMEDOUT] = "ETIMEDOUT", [EALREADY] = "EALREADY",
        [ECANCELED] = "ECANCELED", [ERESTARTSYS] = "ERESTARTSYS", [ERESTARTNOINTR] = "ERESTARTNOINTR",
        [ERESTARTNOHAND] = "ERESTARTNOHAND",
        [ENOIOCTLCMD] = "ENOIOCTLCMD", [ENOTSUPP] = "ENOTSUPP",
    };

    /// <summary>Name of an errno, positive or negative ("EINVAL"); "0" for success.</summary>
    public static string Name(int err)
    {
        if (err == 0)
            return "0";
        var e = Math.Abs(err);
        return Names.TryGetValue(e, out var n) ? n : $"E{e}";
    }
}
