namespace Igt.Kernel.Process;

/// <summary>files_struct: the task's file descriptors, lowest free number first, starting after stdio.</summary>
public sealed class FdTable
{
    public const int MaxFds = 1024;
    private const int FirstFd = 3;
    private readonly object _lock = new();
    private readonly KFile?[] _files = new KFile?[MaxFds];

    /// <summary>fd_install: returns the new fd, or -EMFILE. Takes over the caller's reference.</summary>
    public int Install(KFile file)
    {
        lock (_lock)
        {
            for (var fd = FirstFd; fd < MaxFds; fd++)
            {
                if (_files[fd] is null)
                {
                    _files[fd] = file;
                    return fd;
                }
            }
        }
        return -Errno.EMFILE;
    }

    /// <summary>fget(): the file with a new reference, or null.</summary>
    public KFile? Get(int fd)
    {
        lock (_lock)
        {
            if (fd < 0 || fd >= MaxFds || _files[fd] is not { } f)
                return null;
            f.Get();
            return f;
        }
    }

    public int Close(int fd)
    {
        KFile? f;
        lock (_lock)
        {
            if (fd < 0 || fd >= MaxFds || _files[fd] is null)
                return -Errno.EBADF;
            f = _files[fd];
            _files[fd] = null;
        }
        f!.Put();
        return 0;
    }

    public IReadOnlyList<(int Fd, KFile File)> Snapshot()
    {
        lock (_lock)
        {
            var list = new List<(int, KFile)>();
            for (var fd = 0; fd < MaxFds; fd++)
                if (_files[fd] is { } f)
                    list.Add((fd, f));
            return list;
        }
    }

    /// <summary>fork's dup_fd: the child shares every open file description.</summary>
    public FdTable Dup()
    {
        var t = new FdTable();
        lock (_lock)
        {
            for (var fd = 0; fd < MaxFds; fd++)
            {
                if (_files[fd] is { } f)
                {
                    f.Get();
                    t._files[fd] = f;
                }
            }
        }
        return t;
    }

    /// <summary>Closes everything (task exit).</summary>
    public void CloseAll()
    {
        for (var fd = 0; fd < MaxFds; fd++)
            Close(fd);
    }
}
