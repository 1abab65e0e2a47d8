namespace Igt.Kernel.Printk;

/// <summary>One record of the kernel log buffer, as /dev/kmsg presents it.</summary>
public sealed record LogRecord(ulong Seq, LogLevel Level, long TimestampUs, string Text, bool Continuation = false)
{
    /// <summary>The /dev/kmsg line: <c>prio,seq,usec,flags;msg</c>.</summary>
    public string ToKmsg() => $"{(int)Level},{Seq},{TimestampUs},{(Continuation ? 'c' : '-')};{Text}";

    /// <summary>The dmesg-style line IGT's resultgen writes: <c>&lt;lvl&gt; [sec.usec] msg</c>.</summary>
    public string ToDmesg() => $"<{(int)Level}> [{TimestampUs / 1_000_000,5}.{TimestampUs % 1_000_000:D6}] {Text}";

    /// <summary>Parses a /dev/kmsg line back into a record (the runner reads dmesg.txt files this way).</summary>
    public static LogRecord? ParseKmsg(string line)
    {
        var semi = line.IndexOf(';');
        if (semi < 0)
            return null;
        var head = line[..semi].Split(',');
        if (head.Length < 3 || !int.TryParse(head[0], out var prio) || !ulong.TryParse(head[1], out var seq)
            || !long.TryParse(head[2], out var usec))
            return null;
        var cont = head.Length > 3 && head[3] == "c";
        return new LogRecord(seq, (LogLevel)(prio & 7), usec, line[(semi + 1)..], cont);
    }
}
