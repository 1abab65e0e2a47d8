using System.Numerics;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// panfrost_perfcnt.c: one file at a time may enable the performance counters and dump them. Both ioctls are
/// "unstable": unless the unstable_ioctls module parameter is set they answer -ENOSYS.
/// </summary>
public sealed class PanfrostPerfcnt(PanfrostDevice pfdev)
{
    private const int CountersPerBlock = 64;
    private const int BytesPerCounter = 4;

    private readonly object _lock = new();
    private PanfrostFilePriv? _user;
    private long _asGeneration;

    /// <summary>Dump size: (L2 caches + shader cores + job manager + tiler) blocks of 64 32-bit counters.</summary>
    public int BufferSize
    {
        get
        {
            var nl2c = BitOperations.PopCount(pfdev.Model.L2Present);
            var ncores = 64 - BitOperations.LeadingZeroCount(pfdev.Model.ShaderPresent);
            return (nl2c + ncores + 2) * CountersPerBlock * BytesPerCounter;
        }
    }

    /// <summary>panfrost_ioctl_perfcnt_enable().</summary>
    public int Enable(PanfrostFilePriv file, uint enable, uint counterset)
    {
        if (!pfdev.Spec.UnstableIoctls)
            return -Errno.ENOSYS;
        if (counterset > (pfdev.Model.IsBifrost ? 1u : 0u))
            return -Errno.EINVAL;
        lock (_lock)
        {
            if (enable != 0)
            {
                if (_user is not null)
                    return -Errno.EBUSY;
                _user = file;
                pfdev.AddressSpaces.Get(file.Mmu, out _asGeneration); // the counters dump through the file's AS
                return 0;
            }
            return DisableLocked(file);
        }
    }

    /// <summary>panfrost_ioctl_perfcnt_dump().</summary>
    public int Dump(PanfrostFilePriv file, ulong bufPtr)
    {
        if (!pfdev.Spec.UnstableIoctls)
            return -Errno.ENOSYS;
        lock (_lock)
        {
            if (!ReferenceEquals(_user, file))
                return -Errno.EINVAL;
        }
        var task = TaskStruct.Current ?? file.File.Owner;
        return task.Mm.CopyToUser(bufPtr, new byte[BufferSize]);
    }

    /// <summary>panfrost_perfcnt_close(): the enabling file went away.</summary>
    public void Close(PanfrostFilePriv file)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_user, file))
                DisableLocked(file);
        }
    }

    private int DisableLocked(PanfrostFilePriv file)
    {
        if (!ReferenceEquals(_user, file))
            return -Errno.EINVAL;
        _user = null;
        pfdev.AddressSpaces.Put(file.Mmu, _asGeneration);
        return 0;
    }
}
