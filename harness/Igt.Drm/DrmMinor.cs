using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Kernel.Vfs;

namespace Igt.Drm;

/// <summary>struct drm_minor: a device node. Opening it creates a <see cref="DrmFile"/>.</summary>
public sealed class DrmMinor(DrmDevice dev, DrmMinorType type, int index) : ICharDevice
{
    private DrmFile? _master;

    public DrmDevice Dev { get; } = dev;

    public DrmMinorType Type { get; } = type;

    public int Index { get; } = index;

    public string Path => Type == DrmMinorType.Primary ? $"/dev/dri/card{Index}" : $"/dev/dri/renderD{Index}";

    /// <summary>drm_open(): the first opener of the primary node becomes master; root is authenticated.</summary>
    public int Open(TaskStruct task, OpenFlags flags, out KFile? file)
    {
        file = null;
        if (!Dev.Enter())
            return -Errno.ENODEV;
        try
        {
            var f = new DrmFile(this, task, flags) { Authenticated = task.IsRoot };
            if (Type == DrmMinorType.Primary && Interlocked.CompareExchange(ref _master, f, null) is null)
            {
                f.IsMaster = true;
                f.Authenticated = true;
            }
            var err = Dev.Driver.Open(Dev, f);
            if (err != 0)
            {
                DropMaster(f);
                return err;
            }
            Dev.AddFile(f);
            file = f;
            return 0;
        }
        finally
        {
            Dev.Exit();
        }
    }

    /// <summary>The master's file closed: the next opener of the primary node becomes master.</summary>
    internal void DropMaster(DrmFile f) => Interlocked.CompareExchange(ref _master, null, f);
}
