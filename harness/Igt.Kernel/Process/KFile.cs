using Igt.Kernel.Sync;

namespace Igt.Kernel.Process;

/// <summary>
/// struct file: an open file description, refcounted (fget/fput). Device drivers, dma-bufs and sync files derive
/// from it and override the file operations they support.
/// </summary>
public abstract class KFile
{
    private static long s_nextIno = 1;
    private int _refs = 1;

    public OpenFlags Flags { get; init; }

    /// <summary>Woken when <see cref="Poll"/> may have changed.</summary>
    public WaitQueue PollWait { get; } = new();

    public int RefCount => Volatile.Read(ref _refs);

    /// <summary>Inode number fstat() reports: equal for fds that share one open file.</summary>
    public long Ino { get; } = Interlocked.Increment(ref s_nextIno);

    /// <summary>The name /proc/pid/fd would show, e.g. "/dev/dri/card0" or "anon_inode:dmabuf".</summary>
    public abstract string Name { get; }

    public void Get() => Interlocked.Increment(ref _refs);

    public void Put()
    {
        var n = Interlocked.Decrement(ref _refs);
        if (n == 0)
            Release();
    }

    /// <summary>unlocked_ioctl: 0 or a negative errno. -ENOIOCTLCMD becomes -ENOTTY at the syscall boundary.</summary>
    public virtual int Ioctl(TaskStruct task, uint cmd, ulong arg) => -Errno.ENOTTY;

    /// <summary>mmap file operation: set vma.Ops (and link the object's reverse map), or return a negative errno.</summary>
    public virtual int Mmap(Vma vma) => -Errno.ENODEV;

    /// <summary>Current poll state.</summary>
    public virtual PollEvents Poll() => PollEvents.In | PollEvents.Out;

    /// <summary>read(2) of the file as text (debugfs-style files). Null when not readable.</summary>
    public virtual string? ReadText() => null;

    /// <summary>The last reference went away.</summary>
    protected virtual void Release() { }
}
