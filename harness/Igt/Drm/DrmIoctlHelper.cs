using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Igt.Core;
using Igt.Kernel;
using Igt.Os;

namespace Igt.Drm;

/// <summary>
/// igt_ioctl / drmIoctl: an ioctl with the struct argument placed in the process's memory. <see cref="Ioctl{T}"/>
/// restarts on EINTR and EAGAIN like libdrm; <see cref="IoctlRaw{T}"/> returns the first result, so a test sees
/// the errno. <see cref="DoIoctl{T}"/> / <see cref="DoIoctlErr{T}"/> assert like IGT's do_ioctl / do_ioctl_err.
/// </summary>
public static class DrmIoctlHelper
{
    private const int ScratchSize = 4096;
    private static readonly ConditionalWeakTable<ISyscalls, ThreadLocal<UserBuffer?>> Scratch = new();

    /// <summary>Optional per-thread interposer (igt_while_interruptible swaps the ioctl like igt_ioctl's pointer).</summary>
    [ThreadStatic] internal static Func<ISyscalls, int, uint, ulong, int>? t_interposer;

    public static int IoctlRaw<T>(ISyscalls sys, int fd, uint cmd, ref T arg) where T : unmanaged => Call(sys, fd, cmd, ref arg, restart: false);

    public static int Ioctl<T>(ISyscalls sys, int fd, uint cmd, ref T arg) where T : unmanaged => Call(sys, fd, cmd, ref arg, restart: true);

    /// <summary>An ioctl whose argument is a raw user address (for bad-pointer tests).</summary>
    public static int IoctlPtr(ISyscalls sys, int fd, uint cmd, ulong arg) => sys.Ioctl(fd, cmd, arg);

    public static void DoIoctl<T>(ISyscalls sys, int fd, uint cmd, ref T arg) where T : unmanaged
    {
        var r = Ioctl(sys, fd, cmd, ref arg);
        if (r != 0)
            throw new IgtAssertionException($"ioctl 0x{cmd:x8} on fd {fd} failed: {Errno.Name(r)} ({r})");
    }

    public static void DoIoctlErr<T>(ISyscalls sys, int fd, uint cmd, ref T arg, int errno) where T : unmanaged
    {
        var r = Ioctl(sys, fd, cmd, ref arg);
        var want = -Math.Abs(errno);
        if (r != want)
            throw new IgtAssertionException($"ioctl 0x{cmd:x8} on fd {fd}: expected {Errno.Name(want)}, got {(r == 0 ? "success" : Errno.Name(r))}");
    }

    private static int Call<T>(ISyscalls sys, int fd, uint cmd, ref T arg, bool restart) where T : unmanaged
    {
        var buf = ScratchFor(sys);
        var size = Marshal.SizeOf<T>();
        if (size > ScratchSize)
            throw new ArgumentException("ioctl argument larger than the scratch buffer");
        while (true)
        {
            buf.Write(0, in arg);
            var r = t_interposer is { } ip ? ip(sys, fd, cmd, buf.Addr) : sys.Ioctl(fd, cmd, buf.Addr);
            arg = buf.Read<T>(0);
            if (restart && r is -Errno.EINTR or -Errno.EAGAIN)
                continue;
            return r;
        }
    }

    private static UserBuffer ScratchFor(ISyscalls sys)
    {
        var tl = Scratch.GetValue(sys, _ => new ThreadLocal<UserBuffer?>());
        return tl.Value ??= UserBuffer.Alloc(sys, ScratchSize);
    }
}
