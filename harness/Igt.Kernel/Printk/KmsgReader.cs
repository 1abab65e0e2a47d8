namespace Igt.Kernel.Printk;

/// <summary>A /dev/kmsg reader: a cursor into the log buffer. Open it seeked to the end to see only what follows.</summary>
public sealed class KmsgReader
{
    private readonly Dmesg _dmesg;

    internal KmsgReader(Dmesg dmesg, ulong seq)
    {
        _dmesg = dmesg;
        Seq = seq;
    }

    public ulong Seq { get; private set; }

    /// <summary>Everything logged since the last read.</summary>
    public IReadOnlyList<LogRecord> ReadNew()
    {
        var recs = _dmesg.ReadFrom(Seq, out _);
        if (recs.Count > 0)
            Seq = recs[^1].Seq + 1;
        return recs;
    }

    /// <summary>Everything since the cursor without moving it.</summary>
    public IReadOnlyList<LogRecord> Peek() => _dmesg.ReadFrom(Seq, out _);
}
