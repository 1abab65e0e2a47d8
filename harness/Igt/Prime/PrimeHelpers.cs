using Igt.Core;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Prime;

/// <summary>
/// lib/ioctl_wrappers.c prime_* and the dma-buf fd helpers of lib/igt_dmabuf: export/import, DMA_BUF_IOCTL_SYNC
/// brackets, mmap of the dma-buf fd, poll for implicit-fence busyness, SET_NAME. Asserting forms, and Try forms
/// returning 0 (or an fd/address) or -errno like IGT's "__" helpers.
/// </summary>
public static class PrimeHelpers
{
    /// <summary>DRM_CLOEXEC | DRM_RDWR, what prime_handle_to_fd_for_mmap asks for.</summary>
    public const uint MmapFlags = DrmIoctls.DrmCloexec | DrmIoctls.DrmRdwr;

    /// <summary>__prime_handle_to_fd: 0 with the dma-buf fd, or -errno.</summary>
    public static int TryHandleToFd(ISyscalls sys, int fd, uint handle, uint flags, out int dmabuf) =>
        Gem.TryPrimeHandleToFd(sys, fd, handle, flags, out dmabuf);

    /// <summary>prime_handle_to_fd: DRM_CLOEXEC only, so the fd is read-only for mmap purposes.</summary>
    public static int HandleToFd(ISyscalls sys, int fd, uint handle)
    {
        var r = TryHandleToFd(sys, fd, handle, DrmIoctls.DrmCloexec, out var dmabuf);
        IgtCore.Assert(r == 0, $"PRIME_HANDLE_TO_FD of handle {handle}: {Errno.Name(r)}");
        return dmabuf;
    }

    /// <summary>
    /// prime_handle_to_fd_for_mmap: DRM_CLOEXEC | DRM_RDWR. Returns -1 when the kernel rejects DRM_RDWR with EINVAL
    /// (kernels before 4.6), so the caller can skip; any other failure asserts.
    /// </summary>
    public static int HandleToFdForMmap(ISyscalls sys, int fd, uint handle)
    {
        var r = TryHandleToFd(sys, fd, handle, MmapFlags, out var dmabuf);
        if (r == -Errno.EINVAL)
            return -1;
        IgtCore.Assert(r == 0, $"PRIME_HANDLE_TO_FD (RDWR) of handle {handle}: {Errno.Name(r)}");
        return dmabuf;
    }

    public static int TryFdToHandle(ISyscalls sys, int fd, int dmabuf, out uint handle) =>
        Gem.TryPrimeFdToHandle(sys, fd, dmabuf, out handle);

    /// <summary>prime_fd_to_handle.</summary>
    public static uint FdToHandle(ISyscalls sys, int fd, int dmabuf)
    {
        var r = TryFdToHandle(sys, fd, dmabuf, out var handle);
        IgtCore.Assert(r == 0, $"PRIME_FD_TO_HANDLE of fd {dmabuf}: {Errno.Name(r)}");
        return handle;
    }

    /// <summary>DMA_BUF_IOCTL_SYNC with raw flags, restarted on EINTR like igt_ioctl: 0 or -errno.</summary>
    public static int TrySync(ISyscalls sys, int dmabuf, ulong flags)
    {
        var a = new DmaBufSyncArg { Flags = flags };
        return DrmIoctlHelper.Ioctl(sys, dmabuf, DmaBufIoctls.Sync, ref a);
    }

    public static int TrySync(ISyscalls sys, int dmabuf, DmaBufSyncFlags flags) => TrySync(sys, dmabuf, (ulong)flags);

    /// <summary>prime_sync_start: START | READ (| WRITE) before CPU access through a mapping.</summary>
    public static void SyncStart(ISyscalls sys, int dmabuf, bool write) =>
        Sync(sys, dmabuf, DmaBufSyncFlags.Start | Direction(write));

    /// <summary>prime_sync_end: END with the same direction as the matching start.</summary>
    public static void SyncEnd(ISyscalls sys, int dmabuf, bool write) =>
        Sync(sys, dmabuf, DmaBufSyncFlags.End | Direction(write));

    /// <summary>mmap of the dma-buf fd (offset relative to the buffer): the address or -errno.</summary>
    public static long TryMmap(ISyscalls sys, int dmabuf, ulong size, Prot prot = Prot.ReadWrite, ulong offset = 0) =>
        sys.Mmap(0, size, prot, MapFlags.Shared, dmabuf, offset);

    public static ulong Mmap(ISyscalls sys, int dmabuf, ulong size, Prot prot = Prot.ReadWrite, ulong offset = 0)
    {
        var addr = TryMmap(sys, dmabuf, size, prot, offset);
        IgtCore.Assert(addr >= 0, $"mmap of dma-buf fd {dmabuf} ({size} bytes at {offset}): {Errno.Name((int)addr)}");
        return (ulong)addr;
    }

    /// <summary>poll() of one dma-buf fd: the returned events, 0 on timeout, or -errno.</summary>
    public static int Poll(ISyscalls sys, int dmabuf, PollEvents events, int timeoutMs) => sys.Poll(dmabuf, events, timeoutMs);

    /// <summary>
    /// prime_busy's check: busy when a zero-timeout poll reports nothing. <paramref name="excl"/> (a writer's view)
    /// polls POLLOUT, which waits for every fence; otherwise POLLIN, which waits for writers only.
    /// </summary>
    public static bool IsBusy(ISyscalls sys, int dmabuf, bool excl)
    {
        var r = Poll(sys, dmabuf, excl ? PollEvents.Out : PollEvents.In, 0);
        IgtCore.Assert(r >= 0, $"poll of dma-buf fd {dmabuf}: {Errno.Name(r)}");
        return r == 0;
    }

    /// <summary>DMA_BUF_SET_NAME: the argument is the address of a NUL-terminated string. 0 or -errno.</summary>
    public static int TrySetName(ISyscalls sys, int dmabuf, string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        using var buf = UserBuffer.Alloc(sys, (ulong)bytes.Length);
        buf.WriteBytes(0, bytes);
        return sys.Ioctl(dmabuf, DmaBufIoctls.SetNameB, buf.Addr);
    }

    private static void Sync(ISyscalls sys, int dmabuf, DmaBufSyncFlags flags)
    {
        var r = TrySync(sys, dmabuf, flags);
        IgtCore.Assert(r == 0, $"DMA_BUF_IOCTL_SYNC {flags} on fd {dmabuf}: {Errno.Name(r)}");
    }

    private static DmaBufSyncFlags Direction(bool write) => DmaBufSyncFlags.Read | (write ? DmaBufSyncFlags.Write : 0);
}
