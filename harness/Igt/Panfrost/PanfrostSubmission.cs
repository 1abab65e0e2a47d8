using Igt.Drivers.Panfrost.Uapi;
using Igt.Drm;
using Igt.Os;

namespace Igt.Panfrost;

/// <summary>
/// struct panfrost_submit of lib/igt_panfrost.h: the SUBMIT arguments, the BO holding the job descriptors, the
/// handle array and the out syncobj (created signalled, replaced by the job's fence on submit). The factories
/// build IGT's NULL job, WRITE_VALUE job and endless job loop.
/// </summary>
public sealed class PanfrostSubmission
{
    private readonly UserBuffer? _handles;
    private DrmPanfrostSubmit _args;

    private PanfrostSubmission(PanfrostBo submitBo, DrmPanfrostSubmit args, UserBuffer? handles)
    {
        SubmitBo = submitBo;
        _args = args;
        _handles = handles;
    }

    public PanfrostBo SubmitBo { get; }

    /// <summary>The submit arguments; tests corrupt fields of it for the error subtests.</summary>
    public ref DrmPanfrostSubmit Args => ref _args;

    public uint OutSync => _args.OutSync;

    /// <summary>A submission of the chain at <paramref name="jc"/> using <paramref name="handles"/>.</summary>
    public static PanfrostSubmission Create(ISyscalls sys, int fd, PanfrostBo submitBo, ulong jc, uint[] handles, uint requirements = 0)
    {
        var buf = handles.Length > 0 ? UserBuffer.From<uint>(sys, handles) : null;
        var args = new DrmPanfrostSubmit
        {
            Jc = jc,
            BoHandles = buf?.Addr ?? 0,
            BoHandleCount = (uint)handles.Length,
            Requirements = requirements,
            OutSync = Syncobj.Create(sys, fd, Drm.Uapi.DrmIoctls.SyncobjCreateSignaled),
        };
        return new PanfrostSubmission(submitBo, args, buf);
    }

    /// <summary>igt_panfrost_null_job(): one NULL job header.</summary>
    public static PanfrostSubmission NullJob(ISyscalls sys, int fd)
    {
        var bo = Panfrost.GemNewMapped(sys, fd, PanfrostJobDesc.HeaderSize);
        var d = new byte[PanfrostJobDesc.HeaderSize];
        PanfrostJobDesc.Header(d, PanfrostJobDesc.JobTypeNull, 1, 0);
        bo.Write(sys, 0, d);
        return Create(sys, fd, bo, bo.Offset, [bo.Handle]);
    }

    /// <summary>
    /// igt_panfrost_write_value_job(): a WRITE_VALUE (ZERO) job over a dword pre-filled with 0xffffffff right after
    /// the descriptor, or to the unmapped VA 0x0000deadbeef0000 when <paramref name="triggerPageFault"/>.
    /// </summary>
    public static PanfrostSubmission WriteValueJob(ISyscalls sys, int fd, bool triggerPageFault)
    {
        var bo = Panfrost.GemNewMapped(sys, fd, PanfrostJobDesc.WriteValueSize + 8);
        var target = triggerPageFault ? 0x0000_dead_beef_0000UL : bo.Offset + PanfrostJobDesc.WriteValueSize;
        var d = new byte[PanfrostJobDesc.WriteValueSize];
        PanfrostJobDesc.WriteValue(d, 1, 0, target, PanfrostJobDesc.WriteZero, 0);
        bo.Write(sys, 0, d);
        bo.WriteU32(sys, PanfrostJobDesc.WriteValueSize, 0xffff_ffff);
        return Create(sys, fd, bo, bo.Offset, [bo.Handle]);
    }

    /// <summary>The dword a <see cref="WriteValueJob"/> clears.</summary>
    public const ulong WriteValueTargetOffset = PanfrostJobDesc.WriteValueSize;

    /// <summary>
    /// igt_panfrost_job_loop(): two WRITE_VALUE jobs 64 bytes apart, each pointing at the other and zeroing the
    /// other's exception_status so it can run again. Never ends on its own.
    /// </summary>
    public static PanfrostSubmission JobLoop(ISyscalls sys, int fd)
    {
        var bo = Panfrost.GemNewMapped(sys, fd, 2 * PanfrostJobDesc.Stride);
        var d = new byte[PanfrostJobDesc.WriteValueSize];
        for (var i = 0; i < 2; i++)
        {
            var other = bo.Offset + (ulong)((1 - i) * PanfrostJobDesc.Stride);
            PanfrostJobDesc.WriteValue(d, (ushort)(i + 1), other, other + PanfrostJobDesc.ExceptionStatusOffset,
                PanfrostJobDesc.WriteZero, 0, flags: PanfrostJobDesc.FlagsBarrier);
            bo.Write(sys, (ulong)(i * PanfrostJobDesc.Stride), d);
        }
        return Create(sys, fd, bo, bo.Offset, [bo.Handle]);
    }

    /// <summary>igt_panfrost_job_loop_get_job_header(): offset of loop job <paramref name="i"/> in the BO.</summary>
    public static ulong LoopHeaderOffset(int i) => (ulong)(i * PanfrostJobDesc.Stride);

    public void Submit(ISyscalls sys, int fd) => Panfrost.Submit(sys, fd, ref _args);

    public int TrySubmit(ISyscalls sys, int fd) => Panfrost.TrySubmit(sys, fd, ref _args);

    /// <summary>Waits for the out syncobj up to <paramref name="relativeNs"/> from now.</summary>
    public bool Wait(ISyscalls sys, int fd, long relativeNs) => Panfrost.WaitSyncobj(sys, fd, OutSync, Panfrost.AbsTimeout(relativeNs));

    /// <summary>igt_panfrost_free_job(): the handle array and the BO.</summary>
    public void Free(ISyscalls sys, int fd)
    {
        _handles?.Dispose();
        Panfrost.FreeBo(sys, fd, SubmitBo);
    }
}
