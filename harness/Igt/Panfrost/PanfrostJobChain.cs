namespace Igt.Panfrost;

/// <summary>
/// A chain of job descriptors laid out in a mapped BO, 64 bytes apart, linked through next_job. Jobs get
/// job_index 1, 2, ... in chain order; dependencies name those indices. Commit writes the descriptors.
/// </summary>
public sealed class PanfrostJobChain(PanfrostBo bo, ulong baseOffset = 0)
{
    private readonly List<Func<ulong, byte[]>> _jobs = new();

    public PanfrostBo Bo { get; } = bo;

    public int Count => _jobs.Count;

    /// <summary>GPU VA of the first descriptor (the jc to submit).</summary>
    public ulong Head => Va(0);

    /// <summary>Offset in the BO just past the last descriptor.</summary>
    public ulong EndOffset => baseOffset + (ulong)_jobs.Count * PanfrostJobDesc.Stride;

    /// <summary>GPU VA of descriptor <paramref name="i"/> (0-based).</summary>
    public ulong Va(int i) => Bo.Offset + DescOffset(i);

    /// <summary>Offset in the BO of descriptor <paramref name="i"/>.</summary>
    public ulong DescOffset(int i) => baseOffset + (ulong)i * PanfrostJobDesc.Stride;

    /// <summary>Adds a WRITE_VALUE job; returns its job_index.</summary>
    public ushort WriteValue(ulong address, uint type, ulong immediate = 0, ushort dep1 = 0, ushort dep2 = 0)
    {
        var index = (ushort)(_jobs.Count + 1);
        _jobs.Add(next =>
        {
            var d = new byte[PanfrostJobDesc.Stride];
            PanfrostJobDesc.WriteValue(d, index, next, address, type, immediate, dep1, dep2);
            return d;
        });
        return index;
    }

    /// <summary>Adds a NULL job; returns its job_index.</summary>
    public ushort Null(ushort dep1 = 0, ushort dep2 = 0) => Job(PanfrostJobDesc.JobTypeNull, dep1, dep2);

    /// <summary>Adds a job of any type with no payload (for the types the GPU refuses).</summary>
    public ushort Job(byte type, ushort dep1 = 0, ushort dep2 = 0)
    {
        var index = (ushort)(_jobs.Count + 1);
        _jobs.Add(next =>
        {
            var d = new byte[PanfrostJobDesc.Stride];
            PanfrostJobDesc.Header(d, type, index, next, dep1, dep2);
            return d;
        });
        return index;
    }

    /// <summary>Writes the descriptors; the last one continues at <paramref name="then"/> (0 ends the chain).</summary>
    public void Commit(Os.ISyscalls sys, ulong then = 0)
    {
        for (var i = 0; i < _jobs.Count; i++)
        {
            var next = i + 1 < _jobs.Count ? Va(i + 1) : then;
            Bo.Write(sys, DescOffset(i), _jobs[i](next));
        }
    }

    /// <summary>exception_status of descriptor <paramref name="i"/>.</summary>
    public uint Status(Os.ISyscalls sys, int i) => Bo.ReadU32(sys, DescOffset(i) + PanfrostJobDesc.ExceptionStatusOffset);
}
