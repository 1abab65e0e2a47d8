namespace Igt.Kernel.Process;

/// <summary>
/// mmu_interval_notifier: a driver's subscription to invalidations of one range of a task's address space.
/// <see cref="Invalidate"/> runs before the pages change and may block (e.g. wait for the GPU); the sequence
/// number lets the driver detect that its pages went stale (mmu_interval_read_begin / read_retry).
/// </summary>
public abstract class MmuIntervalNotifier
{
    private long _seq;

    public MmStruct? Mm { get; private set; }

    public ulong Start { get; private set; }

    public ulong End { get; private set; }

    /// <summary>Subscribes to [start, start + length) of <paramref name="mm"/>.</summary>
    public void Insert(MmStruct mm, ulong start, ulong length)
    {
        Mm = mm;
        Start = start;
        End = start + length;
        mm.AddNotifier(this);
    }

    public void Remove()
    {
        Mm?.RemoveNotifier(this);
        Mm = null;
    }

    public long ReadBegin() => Interlocked.Read(ref _seq);

    public bool ReadRetry(long seq) => Interlocked.Read(ref _seq) != seq;

    internal void Fire(MmuNotifierRange range)
    {
        Interlocked.Increment(ref _seq);
        Invalidate(range);
    }

    /// <summary>The range is about to change. Return false only for a non-blockable range the driver cannot handle now.</summary>
    protected abstract bool Invalidate(MmuNotifierRange range);

    /// <summary>invalidate_range_end: the change is done.</summary>
    protected internal virtual void InvalidateEnd(MmuNotifierRange range) { }
}
