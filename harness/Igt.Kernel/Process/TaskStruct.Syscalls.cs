namespace Igt.Kernel.Process;

/// <summary>The system calls of the emulated kernel, as userspace calls them.</summary>
public sealed partial class TaskStruct
{
    /// <summary>open(2): an fd or a negative errno.</summary>
    public int Open(string path, OpenFlags flags = OpenFlags.ReadWrite) =>
        (int)Syscall("do_sys_open", () =>
        {
            var dev = Machine.Vfs.Lookup(path);
            if (dev is null)
                return -Errno.ENOENT;
            var err = dev.Open(this, flags, out var file);
            if (err != 0)
                return err;
            var fd = Files.Install(file!);
            if (fd < 0)
                file!.Put();
            return fd;
        });

    /// <summary>close(2).</summary>
    public int Close(int fd) => (int)Syscall("close_fd", () => Files.Close(fd));

    /// <summary>dup(2).</summary>
    public int Dup(int fd) =>
        (int)Syscall("dup", () =>
        {
            var f = Files.Get(fd);
            if (f is null)
                return -Errno.EBADF;
            var nfd = Files.Install(f);
            if (nfd < 0)
                f.Put();
            return nfd;
        });

    /// <summary>ioctl(2): 0 (or a positive value) on success, a negative errno on failure.</summary>
    public int Ioctl(int fd, uint cmd, ulong arg) =>
        (int)Syscall("ioctl", (Task: this, Fd: fd, Cmd: cmd, Arg: arg), static s =>
        {
            var f = s.Task.Files.Get(s.Fd);
            if (f is null)
                return -Errno.EBADF;
            try
            {
                return f.Ioctl(s.Task, s.Cmd, s.Arg);
            }
            finally
            {
                f.Put();
            }
        });

    /// <summary>mmap(2): the address, or a negative errno.</summary>
    public long Mmap(ulong addr, ulong length, Prot prot, MapFlags flags, int fd = -1, ulong offset = 0) =>
        Syscall("do_mmap", () =>
        {
            KFile? f = null;
            if ((flags & MapFlags.Anonymous) == 0)
            {
                f = Files.Get(fd);
                if (f is null)
                    return -Errno.EBADF;
            }
            try
            {
                // do_mmap: a file mapping needs FMODE_READ, and a shared writable one FMODE_WRITE.
                var mode = f is null ? OpenFlags.ReadWrite : f.Flags & (OpenFlags)3;
                if (mode == OpenFlags.WriteOnly
                    || (mode == OpenFlags.ReadOnly && (flags & MapFlags.Shared) != 0 && (prot & Prot.Write) != 0))
                    return -Errno.EACCES;
                return Mm.Mmap(addr, length, prot, flags, f, offset);
            }
            finally
            {
                f?.Put();
            }
        });

    public int Munmap(ulong addr, ulong length) => (int)Syscall("munmap", () => Mm.Munmap(addr, length));

    public long Mremap(ulong oldAddr, ulong oldLength, ulong newLength, MremapFlags flags, ulong newAddr = 0) =>
        Syscall("mremap", () => Mm.Mremap(oldAddr, oldLength, newLength, flags, newAddr));

    public int Madvise(ulong addr, ulong length, Madvise advice) =>
        (int)Syscall("madvise", () => Mm.Madvise(addr, length, advice));

    /// <summary>poll(2) on one fd: the ready events, 0 on timeout, or a negative errno.</summary>
    public int Poll(int fd, PollEvents events, int timeoutMs) =>
        (int)Syscall("do_sys_poll", () =>
        {
            var f = Files.Get(fd);
            if (f is null)
                return -Errno.EBADF;
            try
            {
                var want = events | PollEvents.Err | PollEvents.Hup;
                PollEvents got = PollEvents.None;
                var r = f.PollWait.WaitEvent(() => (got = f.Poll() & want) != 0,
                    timeoutMs < 0 ? Sync.WaitQueue.Forever : timeoutMs * 1_000_000L, interruptible: true);
                // do_sys_poll: -ERESTARTNOHAND, so a handler makes it EINTR even with SA_RESTART (signal(7)).
                if (r == -Errno.ERESTARTSYS)
                    return -Errno.ERESTARTNOHAND;
                if (r < 0)
                    return r;
                return (int)got;
            }
            finally
            {
                f.Put();
            }
        });

    /// <summary>A load from userspace memory. Returns the signal it raised, or Ok.</summary>
    public FaultResult ReadMemory(ulong addr, Span<byte> buffer) => Mm.Access(addr, buffer, write: false);

    /// <summary>A store to userspace memory. Returns the signal it raised, or Ok.</summary>
    public FaultResult WriteMemory(ulong addr, ReadOnlySpan<byte> data)
    {
        var tmp = data.ToArray();
        return Mm.Access(addr, tmp, write: true);
    }

    /// <summary>read(2) of a text file of the pseudo filesystems (/proc, /sys/kernel/debug): the text or null.</summary>
    public string? ReadTextFile(string path) => Machine.KernelFs.Read(path);

    /// <summary>write(2) to a pseudo file (e.g. /proc/sys/vm/drop_caches): 0 or a negative errno.</summary>
    public int WriteTextFile(string path, string text) =>
        (int)Syscall("vfs_write", () => Machine.KernelFs.Write(path, text));

    /// <summary>write(2) to /dev/kmsg: logs a record at the given level (IGT's markers).</summary>
    public void WriteKmsg(Printk.LogLevel level, string text) => Machine.Dmesg.Printk(level, text);

    public int GetPid() => Pid;

    /// <summary>fstat(2) st_ino of an fd, or -EBADF.</summary>
    public long Fstat(int fd)
    {
        var f = Files.Get(fd);
        if (f is null)
            return -Errno.EBADF;
        f.Put();
        return f.Ino;
    }
}
