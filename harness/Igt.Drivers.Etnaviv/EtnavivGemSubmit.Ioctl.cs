using System.Runtime.InteropServices;
using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_ioctl_gem_submit(): argument checks, then every piece of user data (BO list, relocations, perfmon
/// requests, the stream) copied in before the device lock is taken, so a client stalled on its own page faults
/// stalls nobody else. Under the lock: BO lookup, validation (MMUv1), pinning, relocation of the kernel's copy,
/// the copy into a kernel command buffer, and the push to the scheduler. The GPU only ever executes that copy.
/// </summary>
public sealed partial class EtnavivGemSubmit
{
    /// <summary>Larger user arrays make kvmalloc warn and fail (size &gt; INT_MAX).</summary>
    private const long KvmallocMax = int.MaxValue;

    internal static int Ioctl(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        var priv = EtnavivDriver.PrivOf(dev);
        ref var args = ref UapiStruct.As<DrmEtnavivGemSubmit>(data);
        if (args.Pipe >= EtnavivIoctls.MaxPipes)
            return -Errno.EINVAL;
        var gpu = priv.Gpus[args.Pipe];
        if (gpu is null)
            return -Errno.ENXIO;
        if (args.StreamSize % 4 != 0)
        {
            priv.DrmError("etnaviv_ioctl_gem_submit", $"non-aligned cmdstream buffer size: {args.StreamSize}");
            return -Errno.EINVAL;
        }
        if (args.ExecState != EtnavivIoctls.Pipe3D && args.ExecState != EtnavivIoctls.Pipe2D && args.ExecState != EtnavivIoctls.PipeVG)
        {
            priv.DrmError("etnaviv_ioctl_gem_submit", $"invalid exec_state: 0x{args.ExecState:x}");
            return -Errno.EINVAL;
        }
        if ((args.Flags & ~EtnavivIoctls.SubmitFlags) != 0)
        {
            priv.DrmError("etnaviv_ioctl_gem_submit", $"invalid flags: 0x{args.Flags:x}");
            return -Errno.EINVAL;
        }
        if ((args.Flags & EtnavivIoctls.SubmitSoftpin) != 0 && priv.MmuGlobal.Version != EtnavivIommuVersion.V2)
        {
            priv.DrmError("etnaviv_ioctl_gem_submit", "softpin requested on incompatible MMU");
            return -Errno.EINVAL;
        }

        var task = TaskStruct.Current ?? file.Owner;
        var locked = false;
        try
        {
            if (priv.Bugs.LockAcrossUserFaults)
            {
                Monitor.Enter(priv.Lock);
                locked = true;
            }
            var err = CopyIn(task, args.Bos, args.NrBos, out DrmEtnavivGemSubmitBo[] bos);
            DrmEtnavivGemSubmitReloc[] relocs = [];
            DrmEtnavivGemSubmitPmr[] pmrs = [];
            uint[] stream = [];
            if (err == 0)
                err = CopyIn(task, args.Relocs, args.NrRelocs, out relocs);
            if (err == 0)
                err = CopyIn(task, args.Pmrs, args.NrPmrs, out pmrs);
            if (err == 0)
                err = CopyIn(task, args.Stream, args.StreamSize / 4, out stream);
            if (err != 0)
                return err;

            if (!locked)
            {
                Monitor.Enter(priv.Lock);
                locked = true;
            }
            return SubmitLocked(priv, gpu, file, task, ref args, bos, relocs, pmrs, stream);
        }
        finally
        {
            if (locked)
                Monitor.Exit(priv.Lock);
        }
    }

    private static int SubmitLocked(EtnavivDrmPrivate priv, EtnavivGpu gpu, DrmFile file, TaskStruct task,
        ref DrmEtnavivGemSubmit args, DrmEtnavivGemSubmitBo[] bos, DrmEtnavivGemSubmitReloc[] relocs,
        DrmEtnavivGemSubmitPmr[] pmrs, uint[] stream)
    {
        var ctx = (EtnavivFilePrivate)file.DriverPriv!;
        ctx.Mmu.Get();
        var submit = new EtnavivGemSubmit(gpu, ctx.Mmu, args.ExecState, args.Flags, bos.Length, task.Comm, task.Pid);
        var pushed = false;
        try
        {
            var err = priv.Suballoc.Alloc((int)((args.StreamSize + 7) & ~7u) + 8, out var cmdbuf);
            if (err != 0)
                return err;
            submit.Cmdbuf = cmdbuf;

            err = submit.LookupObjects(file, bos);
            if (err != 0)
                return err;

            if (priv.MmuGlobal.Version == EtnavivIommuVersion.V1 && !EtnavivCmdParser.ValidateOne(gpu, stream, relocs))
                return -Errno.EINVAL;

            DmaFence? inFence = null;
            if ((args.Flags & EtnavivIoctls.SubmitFenceFdIn) != 0)
            {
                var f = task.Files.Get(args.FenceFd);
                if (f is not SyncFile sf)
                {
                    f?.Put();
                    return -Errno.EINVAL;
                }
                inFence = sf.Fence;
                f.Put();
            }

            err = submit.PinObjects();
            if (err == 0)
                err = submit.Reloc(stream, relocs);
            if (err == 0)
                err = submit.PerfmonValidate(pmrs, args.ExecState);
            if (err != 0)
                return err;

            if (priv.Bugs.ExecuteUserCommandBuffer)
            {
                err = UserStreamMapping.Create(priv, task, ctx.Mmu, args.Stream, args.StreamSize, out var us);
                if (err != 0)
                    return err;
                submit.UserStream = us;
                foreach (var r in relocs)
                    us!.WriteDword((int)(r.SubmitOffset / 4), stream[r.SubmitOffset / 4]);
            }
            cmdbuf!.CopyIn(stream);

            err = submit.PushJob(ctx, inFence);
            if (err != 0)
                return err;
            pushed = true;
            args.Fence = submit.OutFenceId;
            args.FenceFd = -1;
            if ((args.Flags & EtnavivIoctls.SubmitFenceFdOut) != 0)
            {
                var sync = new SyncFile(submit.Job!.Finished);
                var fd = task.Files.Install(sync);
                if (fd < 0)
                    return fd;
                args.FenceFd = fd;
            }
            return 0;
        }
        finally
        {
            if (!pushed)
                submit.Cleanup();
        }
    }

    /// <summary>kvmalloc_array() + copy_from_user(): -ENOMEM for absurd sizes, -EFAULT for a bad pointer.</summary>
    private static int CopyIn<T>(TaskStruct task, ulong ptr, uint count, out T[] items) where T : unmanaged
    {
        items = [];
        var bytes = (long)count * Marshal.SizeOf<T>();
        if (bytes > KvmallocMax)
        {
            task.Machine.Report.Warn("__kvmalloc_node_noprof", null, task.Pid, task.Comm);
            return -Errno.ENOMEM;
        }
        if (bytes > task.Machine.Pages.TotalPages * (long)Igt.Kernel.Mm.PageAllocator.PageSize)
            return -Errno.ENOMEM;
        items = new T[count];
        if (count == 0)
            return 0;
        return task.Mm.CopyFromUser(MemoryMarshal.AsBytes(items.AsSpan()), ptr) == 0 ? 0 : -Errno.EFAULT;
    }
}
