using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Kernel;

namespace Igt.Drivers.Etnaviv;

/// <summary>submit_lookup_objects, submit_pin_objects, submit_reloc, submit_perfmon_validate and the push.</summary>
public sealed partial class EtnavivGemSubmit
{
    private EtnavivDrmPrivate Priv => Gpu.Priv;

    private bool Softpin => (Flags & EtnavivIoctls.SubmitSoftpin) != 0;

    /// <summary>submit_lookup_objects(): flags, softpin addresses and handles. Unknown handles are -EINVAL.</summary>
    private int LookupObjects(DrmFile file, DrmEtnavivGemSubmitBo[] bos)
    {
        for (var i = 0; i < bos.Length; i++)
        {
            var b = bos[i];
            if ((b.Flags & ~(EtnavivIoctls.SubmitBoRead | EtnavivIoctls.SubmitBoWrite)) != 0)
            {
                Priv.DrmError("submit_lookup_objects", $"invalid flags: {b.Flags:x}");
                return -Errno.EINVAL;
            }
            Bos[i].Flags = b.Flags;
            if (Softpin)
            {
                if (b.Presumed < EtnavivIoctls.SoftpinStartAddress)
                {
                    Priv.DrmError("submit_lookup_objects", "invalid softpin address");
                    return -Errno.EINVAL;
                }
                Bos[i].Va = b.Presumed;
            }
            var obj = file.Lookup(b.Handle);
            if (obj is not EtnavivGem eobj)
            {
                obj?.Put();
                Priv.DrmError("submit_lookup_objects", $"invalid handle {b.Handle} at index {i}");
                return -Errno.EINVAL;
            }
            Bos[i].Obj = eobj;
        }
        return 0;
    }

    /// <summary>submit_pin_objects(): every BO mapped (pages pinned) in the client's MMU context.</summary>
    private int PinObjects()
    {
        foreach (var bo in Bos)
        {
            var err = bo.Obj!.MappingGet(Mmu, bo.Va, out var mapping);
            if (err != 0)
                return err;
            bo.Mapping = mapping;
            if (Softpin && mapping!.Iova != bo.Va)
                return -Errno.EINVAL;
        }
        return 0;
    }

    /// <summary>
    /// submit_reloc(): patches the kernel's copy of the stream. Offsets must be aligned, inside the stream and
    /// ascending; the target must be a BO of the submit and the patched address inside it (not checked with the
    /// SkipRelocBounds bug).
    /// </summary>
    private int Reloc(uint[] stream, DrmEtnavivGemSubmitReloc[] relocs)
    {
        if (Softpin && relocs.Length != 0)
            return -Errno.EINVAL;
        uint lastOffset = 0;
        for (var i = 0; i < relocs.Length; i++)
        {
            var r = relocs[i];
            if (r.Flags != 0)
            {
                Priv.DrmError("submit_reloc", "invalid reloc flags");
                return -Errno.EINVAL;
            }
            if (r.SubmitOffset % 4 != 0)
            {
                Priv.DrmError("submit_reloc", $"non-aligned reloc offset: {r.SubmitOffset}");
                return -Errno.EINVAL;
            }
            var off = r.SubmitOffset / 4;
            if (off >= stream.Length || off < lastOffset)
            {
                Priv.DrmError("submit_reloc", $"invalid offset {off} at reloc {i}");
                return -Errno.EINVAL;
            }
            var err = SubmitBoAt(r.RelocIdx, out var bo);
            if (err != 0)
                return err;
            if (!Priv.Bugs.SkipRelocBounds && r.RelocOffset > bo!.Obj!.Size - 4)
            {
                Priv.DrmError("submit_reloc", $"relocation {i} outside object");
                return -Errno.EINVAL;
            }
            stream[off] = bo!.Mapping!.Iova + (uint)r.RelocOffset;
            lastOffset = off;
        }
        return 0;
    }

    /// <summary>submit_perfmon_validate().</summary>
    private int PerfmonValidate(DrmEtnavivGemSubmitPmr[] pmrs, uint execState)
    {
        var list = new List<PerfmonRequest>();
        for (var i = 0; i < pmrs.Length; i++)
        {
            var r = pmrs[i];
            var err = SubmitBoAt(r.ReadIdx, out var bo);
            if (err != 0)
                return err;
            if (r.ReadOffset == 0)
            {
                Priv.DrmError("submit_perfmon_validate", "perfmon request: offset is 0");
                return -Errno.EINVAL;
            }
            if (r.ReadOffset >= bo!.Obj!.Size - 4)
            {
                Priv.DrmError("submit_perfmon_validate", $"perfmon request: offset {i} outside object");
                return -Errno.EINVAL;
            }
            if ((r.Flags & ~(EtnavivIoctls.PmProcessPre | EtnavivIoctls.PmProcessPost)) != 0)
            {
                Priv.DrmError("submit_perfmon_validate", "perfmon request: flags are not valid");
                return -Errno.EINVAL;
            }
            if (!EtnavivPerfmon.Validate(execState, r.Domain, r.Signal))
            {
                Priv.DrmError("submit_perfmon_validate", "perfmon request: domain or signal not valid");
                return -Errno.EINVAL;
            }
            list.Add(new PerfmonRequest(r.Flags, r.Domain, r.Signal, r.Sequence, r.ReadOffset, bo.Obj));
        }
        Pmrs = list.ToArray();
        return 0;
    }

    private int SubmitBoAt(uint idx, out SubmitBo? bo)
    {
        bo = null;
        if (idx >= Bos.Length)
        {
            Priv.DrmError("submit_bo", $"invalid buffer index: {idx} (out of {Bos.Length})");
            return -Errno.EINVAL;
        }
        bo = Bos[idx];
        return 0;
    }

    /// <summary>
    /// etnaviv_sched_push_job(): the job waits for the in-fence and (unless NO_IMPLICIT) for the BOs' fences; its
    /// finished fence becomes the out fence with a user id and goes into every BO's reservation.
    /// </summary>
    private int PushJob(EtnavivFilePrivate ctx, DmaFence? inFence)
    {
        var entity = ctx.SchedEntity[Gpu.Pipe];
        if (entity is null)
            return -Errno.ENODEV;
        var job = new EtnavivSchedJob(entity, this) { Comm = Comm, Pid = Pid };
        if (inFence is not null)
            job.Dependencies.Add(inFence);
        if ((Flags & EtnavivIoctls.SubmitNoImplicit) == 0)
        {
            foreach (var bo in Bos)
            {
                var write = (bo.Flags & EtnavivIoctls.SubmitBoWrite) != 0;
                job.Dependencies.AddRange(bo.Obj!.ImplicitDependencies(write));
            }
        }
        Job = job;
        OutFenceId = Gpu.FenceIdr.Alloc(job.Finished);
        HasOutFenceId = true;
        foreach (var bo in Bos)
        {
            var write = (bo.Flags & EtnavivIoctls.SubmitBoWrite) != 0;
            bo.Obj!.Resv.AddFence(job.Finished, write ? DmaResvUsage.Write : DmaResvUsage.Read);
            bo.Obj.ActiveGet();
            bo.Active = true;
        }
        ctx.Queued(job.Scheduled);
        Gpu.Sched.Push(job);
        return 0;
    }
}
