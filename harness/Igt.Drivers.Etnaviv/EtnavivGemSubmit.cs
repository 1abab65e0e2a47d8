using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm.Fences;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_gem_submit: one job. Holds references on its BOs and their mappings, its MMU context, and the
/// kernel command buffer the GPU executes (the validated, relocated copy of the user's stream). Released by
/// <see cref="Cleanup"/> once the job's fence signalled.
/// </summary>
public sealed partial class EtnavivGemSubmit
{
    private int _cleaned;

    internal EtnavivGemSubmit(EtnavivGpu gpu, EtnavivIommuContext mmu, uint execState, uint flags, int nrBos, string comm, int pid)
    {
        Gpu = gpu;
        Mmu = mmu;
        ExecState = execState;
        Flags = flags;
        Bos = Enumerable.Range(0, nrBos).Select(_ => new SubmitBo()).ToArray();
        Comm = comm;
        Pid = pid;
    }

    public EtnavivGpu Gpu { get; }

    public EtnavivIommuContext Mmu { get; }

    public uint ExecState { get; }

    public uint Flags { get; }

    public SubmitBo[] Bos { get; }

    public PerfmonRequest[] Pmrs { get; internal set; } = [];

    public EtnavivCmdbuf? Cmdbuf { get; internal set; }

    /// <summary>The job on the scheduler; its finished fence is the submit's out fence.</summary>
    public EtnavivSchedJob? Job { get; internal set; }

    public uint OutFenceId { get; internal set; }

    internal bool HasOutFenceId { get; set; }

    public DmaFence? HwFence { get; internal set; }

    public int Event { get; internal set; } = -1;

    public string Comm { get; }

    public int Pid { get; }

    /// <summary>ExecuteUserCommandBuffer bug: the user's own stream pages, mapped for the GPU.</summary>
    internal UserStreamMapping? UserStream { get; set; }

    /// <summary>GPU address the ring links to for this job.</summary>
    public uint StreamVa => UserStream?.Va ?? Cmdbuf!.Va(Gpu.Priv.MmuGlobal.Version);

    /// <summary>Prefetch of that LINK, in 64-bit units.</summary>
    public uint StreamPrefetch => UserStream is { } u ? (u.Size + 8) / 8 : (uint)Cmdbuf!.Size / 8;

    /// <summary>Appends the LINK back to the ring after the stream (at the end of the kernel command buffer).</summary>
    internal void WriteReturnLink(uint prefetch, uint target)
    {
        if (UserStream is { } u)
        {
            u.WriteReturnLink(prefetch, target);
            return;
        }
        Cmdbuf!.UserSize = Cmdbuf.Size - 8;
        EtnavivBuffer.CmdLink(Cmdbuf, prefetch, target);
    }

    /// <summary>etnaviv_perfmon_process(): stores a sample and the request's sequence number into the BO.</summary>
    internal void ProcessPerfmon(uint when, long sample)
    {
        foreach (var p in Pmrs)
        {
            if ((p.Flags & when) == 0)
                continue;
            p.Bo.WriteKernel(p.Offset, BitConverter.GetBytes((uint)sample), "etnaviv_perfmon_process");
            p.Bo.WriteKernel(0, BitConverter.GetBytes(p.Sequence), "etnaviv_perfmon_process");
        }
    }

    /// <summary>
    /// etnaviv_submit_cleanup(): the job is done (or was never queued). Drops the mappings' use, the BO references,
    /// the command buffer, the fence id and the MMU context. Idempotent.
    /// </summary>
    public void Cleanup()
    {
        if (Interlocked.Exchange(ref _cleaned, 1) != 0)
            return;
        foreach (var bo in Bos)
        {
            if (bo.Obj is null)
                continue;
            if (bo.Mapping is not null)
                bo.Obj.MappingPut(bo.Mapping);
            if (bo.Active)
                bo.Obj.ActivePut();
            bo.Obj.Put();
        }
        UserStream?.Release();
        if (Cmdbuf is not null)
            Gpu.Priv.Suballoc.Free(Cmdbuf);
        if (HasOutFenceId)
            Gpu.FenceIdr.Remove(OutFenceId);
        Mmu.Put();
        Gpu.FenceEvent.WakeUpAll();
    }

    /// <summary>struct etnaviv_gem_submit_bo.</summary>
    public sealed class SubmitBo
    {
        public uint Flags { get; set; }

        public EtnavivGem? Obj { get; set; }

        /// <summary>The softpin address asked for, or 0.</summary>
        public ulong Va { get; set; }

        public EtnavivVramMapping? Mapping { get; set; }

        /// <summary>Counted in the BO's GpuActive.</summary>
        public bool Active { get; set; }
    }

    /// <summary>struct etnaviv_perfmon_request.</summary>
    public sealed record PerfmonRequest(uint Flags, byte Domain, ushort Signal, uint Sequence, ulong Offset, EtnavivGem Bo);
}
