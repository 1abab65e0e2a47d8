using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drm.Ioctl;

/// <summary>
/// drm_ioctl(): looks the request up by nr only (core table below 0x40 and from 0xA0, driver table in between),
/// copies the argument in (zero-extended to the kernel's size), checks permissions, runs the handler with
/// exceptions contained as an oops, and copies the argument back.
/// </summary>
public static partial class DrmIoctl
{
    private static readonly DrmIoctlDesc?[] CoreTable = BuildCoreTable();

    /// <summary>The core table's entries (drm_ioctls[]), for tools that must cover every ioctl (the fuzzer).</summary>
    public static IReadOnlyList<DrmIoctlDesc> CoreIoctls { get; } = CoreTable.OfType<DrmIoctlDesc>().ToArray();

    public static int Dispatch(DrmFile file, TaskStruct task, uint cmd, ulong arg)
    {
        var dev = file.Dev;
        if (dev.Unplugged)
            return -Errno.ENODEV;

        var nr = Ioc.Nr(cmd);
        DrmIoctlDesc? desc;
        if (nr >= Ioc.DrmCommandBase && nr < Ioc.DrmCommandEnd)
        {
            var idx = (int)(nr - Ioc.DrmCommandBase);
            var table = dev.Driver.Ioctls;
            desc = idx < table.Count ? table[idx] : null;
        }
        else
        {
            desc = CoreTable[nr];
        }
        if (desc is null)
            return -Errno.EINVAL;

        var inSize = Ioc.Size(cmd);
        var outSize = inSize;
        if ((cmd & desc.Cmd & Ioc.In) == 0)
            inSize = 0;
        if ((cmd & desc.Cmd & Ioc.Out) == 0)
            outSize = 0;
        var ksize = (int)Math.Max(Math.Max(inSize, outSize), Ioc.Size(desc.Cmd));

        Span<byte> kdata = ksize <= 256 ? stackalloc byte[ksize] : new byte[ksize];
        kdata.Clear();
        if (inSize > 0 && task.Mm.CopyFromUser(kdata[..(int)inSize], arg) != 0)
            return -Errno.EFAULT;

        var ret = Permit(desc.Flags, file, task);
        if (ret == 0)
        {
            if (!dev.Enter())
                return -Errno.ENODEV;
            try
            {
                dev.Machine.Faults.MaybeThrow(desc.FaultSite);
                ret = desc.Handler(dev, kdata, file);
            }
            catch (Exception e) when (e is not TaskKilledException)
            {
                dev.Machine.Report.OopsFromException(e, $"{dev.Driver.Name}_ioctl_{desc.Name.ToLowerInvariant()}", task.Pid, task.Comm);
                ret = -Errno.EFAULT;
            }
            finally
            {
                dev.Exit();
            }
        }

        if (outSize > 0 && task.Mm.CopyToUser(arg, kdata[..(int)outSize]) != 0)
            ret = -Errno.EFAULT;
        return ret;
    }

    /// <summary>drm_ioctl_permit().</summary>
    private static int Permit(DrmIoctlFlags flags, DrmFile file, TaskStruct task)
    {
        if ((flags & DrmIoctlFlags.RootOnly) != 0 && !task.IsRoot)
            return -Errno.EACCES;
        if ((flags & DrmIoctlFlags.Auth) != 0 && !file.IsRenderClient && !file.Authenticated)
            return -Errno.EACCES;
        if ((flags & DrmIoctlFlags.Master) != 0 && !file.IsMaster)
            return -Errno.EACCES;
        if ((flags & DrmIoctlFlags.RenderAllow) == 0 && file.IsRenderClient)
            return -Errno.EACCES;
        return 0;
    }

    private static DrmIoctlDesc?[] BuildCoreTable()
    {
        var t = new DrmIoctlDesc?[256];
        void Def(uint cmd, DrmIoctlHandler h, DrmIoctlFlags f, string name) => t[Ioc.Nr(cmd)] = new DrmIoctlDesc(cmd, f, h, name);
        const DrmIoctlFlags Render = DrmIoctlFlags.RenderAllow;
        Def(DrmIoctls.Version, Version, Render, "VERSION");
        Def(DrmIoctls.GetMagic, GetMagic, DrmIoctlFlags.None, "GET_MAGIC");
        Def(DrmIoctls.SetVersion, SetVersion, DrmIoctlFlags.Master, "SET_VERSION");
        Def(DrmIoctls.GemClose, GemClose, Render, "GEM_CLOSE");
        Def(DrmIoctls.GemFlink, GemFlink, DrmIoctlFlags.Auth, "GEM_FLINK");
        Def(DrmIoctls.GemOpen, GemOpen, DrmIoctlFlags.Auth, "GEM_OPEN");
        Def(DrmIoctls.GetCap, GetCap, Render, "GET_CAP");
        Def(DrmIoctls.SetClientCap, SetClientCap, DrmIoctlFlags.None, "SET_CLIENT_CAP");
        // A legacy no-op the real table still has: its argument is copied in (EFAULT) before anything else.
        Def(DrmIoctls.UpdateDraw, (_, _, _) => 0, DrmIoctlFlags.Auth | DrmIoctlFlags.Master | DrmIoctlFlags.RootOnly, "UPDATE_DRAW");
        Def(DrmIoctls.AuthMagic, AuthMagic, DrmIoctlFlags.Auth | DrmIoctlFlags.Master, "AUTH_MAGIC");
        Def(DrmIoctls.PrimeHandleToFd, PrimeHandleToFd, Render, "PRIME_HANDLE_TO_FD");
        Def(DrmIoctls.PrimeFdToHandle, PrimeFdToHandle, Render, "PRIME_FD_TO_HANDLE");
        Def(DrmIoctls.ModeCreateDumb, ModeCreateDumb, DrmIoctlFlags.None, "MODE_CREATE_DUMB");
        Def(DrmIoctls.ModeMapDumb, ModeMapDumb, DrmIoctlFlags.None, "MODE_MAP_DUMB");
        Def(DrmIoctls.ModeDestroyDumb, ModeDestroyDumb, DrmIoctlFlags.None, "MODE_DESTROY_DUMB");
        Def(DrmIoctls.SyncobjCreate, SyncobjCreate, Render, "SYNCOBJ_CREATE");
        Def(DrmIoctls.SyncobjDestroy, SyncobjDestroy, Render, "SYNCOBJ_DESTROY");
        Def(DrmIoctls.SyncobjHandleToFd, SyncobjHandleToFd, Render, "SYNCOBJ_HANDLE_TO_FD");
        Def(DrmIoctls.SyncobjFdToHandle, SyncobjFdToHandle, Render, "SYNCOBJ_FD_TO_HANDLE");
        Def(DrmIoctls.SyncobjWait, SyncobjWait, Render, "SYNCOBJ_WAIT");
        Def(DrmIoctls.SyncobjReset, SyncobjReset, Render, "SYNCOBJ_RESET");
        Def(DrmIoctls.SyncobjSignal, SyncobjSignal, Render, "SYNCOBJ_SIGNAL");
        return t;
    }
}
