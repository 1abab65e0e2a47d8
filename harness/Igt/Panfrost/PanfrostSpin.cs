using Igt.Drm;
using Igt.Os;

namespace Igt.Panfrost;

/// <summary>
/// A GPU spinner (igt_spin for panfrost): a job loop that keeps a slot and its BOs busy until the CPU ends it.
/// Jobs A and B zero each other's status and point at each other; <see cref="End"/> rewrites the low byte of
/// B's next_job to point at C, a NULL job that continues into <c>then</c> (or ends the chain). A single-byte
/// store, so the GPU never sees a torn pointer. The CPU map stays valid after the handle is closed.
/// </summary>
public sealed class PanfrostSpin
{
    private const int OffA = 0;
    private const int OffB = PanfrostJobDesc.Stride;
    private const int OffC = 2 * PanfrostJobDesc.Stride;

    private PanfrostSpin(PanfrostBo bo, PanfrostSubmission submit)
    {
        Bo = bo;
        Job = submit;
    }

    public PanfrostBo Bo { get; }

    public PanfrostSubmission Job { get; }

    public uint OutSync => Job.OutSync;

    public bool Ended { get; private set; }

    /// <summary>
    /// Submits a spinner on <paramref name="fd"/>. <paramref name="handles"/> are listed in the job too (they stay
    /// busy); when it ends the chain continues at <paramref name="then"/>.
    /// </summary>
    public static PanfrostSpin Submit(ISyscalls sys, int fd, uint[]? handles = null, ulong then = 0, uint requirements = 0)
    {
        var spin = Create(sys, fd, handles, then, requirements);
        spin.Job.Submit(sys, fd);
        return spin;
    }

    /// <summary>Builds the spinner without submitting it (the caller may tweak <see cref="PanfrostSubmission.Args"/>).</summary>
    public static PanfrostSpin Create(ISyscalls sys, int fd, uint[]? handles = null, ulong then = 0, uint requirements = 0)
    {
        var bo = Panfrost.GemNewMapped(sys, fd, 4096);
        var va = bo.Offset;
        var d = new byte[PanfrostJobDesc.Stride];
        PanfrostJobDesc.WriteValue(d, 1, va + OffB, va + OffB, PanfrostJobDesc.WriteZero, 0, flags: PanfrostJobDesc.FlagsBarrier);
        bo.Write(sys, OffA, d);
        PanfrostJobDesc.WriteValue(d, 2, va + OffA, va + OffA, PanfrostJobDesc.WriteZero, 0, flags: PanfrostJobDesc.FlagsBarrier);
        bo.Write(sys, OffB, d);
        Array.Clear(d);
        PanfrostJobDesc.Header(d, PanfrostJobDesc.JobTypeNull, 3, then);
        bo.Write(sys, OffC, d);
        var submit = PanfrostSubmission.Create(sys, fd, bo, va, [bo.Handle, .. handles ?? []], requirements);
        return new PanfrostSpin(bo, submit);
    }

    /// <summary>Lets the loop run out into C (and <c>then</c>).</summary>
    public void End(ISyscalls sys)
    {
        if (Ended)
            return;
        Ended = true;
        WriteByte(sys, OffB + PanfrostJobDesc.NextJobOffset, (byte)((Bo.Offset + OffC) & 0xff));
    }

    /// <summary>Waits for the spinner's job to finish, up to <paramref name="relativeNs"/>.</summary>
    public bool Wait(ISyscalls sys, int fd, long relativeNs) => Job.Wait(sys, fd, relativeNs);

    /// <summary>End, wait, and release (the BO handle only if still open).</summary>
    public void Free(ISyscalls sys, int fd, bool handleOpen = true)
    {
        End(sys);
        Wait(sys, fd, 2_000_000_000);
        if (handleOpen)
            Job.Free(sys, fd);
        else
            Panfrost.Unmap(sys, Bo);
        Syncobj.Destroy(sys, fd, OutSync);
    }

    private void WriteByte(ISyscalls sys, int offset, byte value) => Bo.Write(sys, (ulong)offset, [value]);
}
