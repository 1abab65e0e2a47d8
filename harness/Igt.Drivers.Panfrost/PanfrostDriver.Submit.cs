using System.Runtime.InteropServices;
using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.Panfrost;

/// <summary>SUBMIT (panfrost_ioctl_submit, panfrost_copy_in_sync, panfrost_lookup_bos).</summary>
public sealed partial class PanfrostDriver
{
    /// <summary>Beyond this many handles kvmalloc_array fails.</summary>
    private const uint MaxArrayEntries = 1u << 24;

    private int Submit(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmPanfrostSubmit>(data);
        var priv = PanfrostFilePriv.Of(file);
        if (a.Jc == 0)
            return -Errno.EINVAL;
        var valid = PanfrostIoctls.JdReqFs | (Minor >= 3 ? PanfrostIoctls.JdReqCycleCount : 0);
        if ((a.Requirements & ~valid) != 0)
            return -Errno.EINVAL;
        DrmSyncobj? syncOut = null;
        if (a.OutSync > 0)
        {
            syncOut = file.SyncobjFind(a.OutSync);
            if (syncOut is null)
                return -Errno.ENODEV;
        }

        var task = TaskStruct.Current ?? file.Owner;
        var slot = (a.Requirements & PanfrostIoctls.JdReqFs) != 0 ? 0 : 1;
        var job = new PanfrostJob(priv, slot, a.Jc, a.Requirements) { Comm = task.Comm, Pid = task.Pid };
        var err = CopyInSync(file, task, a.InSyncs, a.InSyncCount, job);
        if (err == 0)
            err = LookupBos(file, task, priv, a.BoHandles, a.BoHandleCount, job);
        if (err == 0)
            err = job.Push();
        if (err != 0)
        {
            job.Cleanup();
            return err;
        }
        syncOut?.ReplaceFence(job.Finished);
        return 0;
    }

    /// <summary>panfrost_copy_in_sync(): each in-sync's current fence becomes a dependency.</summary>
    private static int CopyInSync(DrmFile file, TaskStruct task, ulong ptr, uint count, PanfrostJob job)
    {
        if (count == 0)
            return 0;
        var err = CopyHandles(task, ptr, count, out var handles);
        if (err != 0)
            return err;
        foreach (var h in handles)
        {
            // drm_syncobj_find_fence(): no such syncobj -ENOENT, no fence in it -EINVAL.
            var s = file.SyncobjFind(h);
            if (s is null)
                return -Errno.ENOENT;
            if (s.Fence is not { } fence)
                return -Errno.EINVAL;
            job.Dependencies.Add(fence);
        }
        return 0;
    }

    /// <summary>panfrost_lookup_bos(): drm_gem_objects_lookup, then this file's mapping of each BO.</summary>
    private int LookupBos(DrmFile file, TaskStruct task, PanfrostFilePriv priv, ulong ptr, uint count, PanfrostJob job)
    {
        if (count == 0)
            return 0;
        var err = CopyHandles(task, ptr, count, out var handles);
        if (err != 0)
            return err;
        foreach (var h in handles)
        {
            var obj = file.Lookup(h);
            if (obj is null)
                return -Errno.ENOENT;
            job.Bos.Add(obj);
        }
        foreach (var obj in job.Bos)
        {
            var bo = (PanfrostGem)obj;
            var mapping = Pfdev.Bug(KnownBugs.MappingOnObject) ? bo.AnyMappingGet() : bo.MappingGet(priv.Mmu);
            if (mapping is null)
                return -Errno.EINVAL;
            bo.GpuUsecountInc();
            job.Mappings.Add(mapping);
        }
        return 0;
    }

    private static int CopyHandles(TaskStruct task, ulong ptr, uint count, out uint[] handles)
    {
        handles = [];
        if (count > MaxArrayEntries)
            return -Errno.ENOMEM;
        var raw = new byte[count * 4];
        if (task.Mm.CopyFromUser(raw, ptr) != 0)
            return -Errno.EFAULT;
        handles = MemoryMarshal.Cast<byte, uint>(raw).ToArray();
        return 0;
    }
}
