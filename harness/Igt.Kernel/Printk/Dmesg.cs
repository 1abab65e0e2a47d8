using System.Diagnostics;

namespace Igt.Kernel.Printk;

/// <summary>
/// The kernel log buffer: a bounded ring of records with sequence numbers, plus the taint mask.
/// Thread-safe; readers keep their own cursor (<see cref="KmsgReader"/>) like /dev/kmsg.
/// </summary>
public sealed class Dmesg
{
    private readonly object _lock = new();
    private readonly int _capacity;
    // Grows by doubling up to the capacity (cheap boot); only then does it wrap.
    private LogRecord[] _ring;
    private readonly Stopwatch _clock;
    private readonly long _bootOffsetUs;
    private ulong _nextSeq;
    private int _taint;

    public Dmesg(int capacity = 1 << 15, long bootOffsetUs = 0)
    {
        _capacity = capacity;
        _ring = new LogRecord[Math.Min(64, capacity)];
        _clock = Stopwatch.StartNew();
        _bootOffsetUs = bootOffsetUs;
    }

    /// <summary>Raised after each record is stored (the runner's live monitor and tests' echo hook).</summary>
    public event Action<LogRecord>? Logged;

    public ulong NextSeq
    {
        get { lock (_lock) return _nextSeq; }
    }

    public Taint Tainted => (Taint)(uint)Volatile.Read(ref _taint);

    public long NowUs => _bootOffsetUs + (long)(_clock.ElapsedTicks * (1_000_000.0 / Stopwatch.Frequency));

    public LogRecord Printk(LogLevel level, string text, bool continuation = false)
    {
        LogRecord rec;
        lock (_lock)
        {
            rec = new LogRecord(_nextSeq, level, NowUs, text, continuation);
            Store(rec);
        }
        Logged?.Invoke(rec);
        return rec;
    }

    /// <summary>Logs several lines that belong together (an oops, a KASAN report) without interleaving.</summary>
    public void PrintkLines(LogLevel level, IEnumerable<string> lines)
    {
        var recs = new List<LogRecord>();
        lock (_lock)
        {
            foreach (var line in lines)
            {
                var rec = new LogRecord(_nextSeq, level, NowUs, line);
                Store(rec);
                recs.Add(rec);
            }
        }
        foreach (var r in recs)
            Logged?.Invoke(r);
    }

    private void Store(LogRecord rec)
    {
        if (_nextSeq == (ulong)_ring.Length && _ring.Length < _capacity)
        {
            var bigger = new LogRecord[Math.Min(_capacity, _ring.Length * 2)];
            Array.Copy(_ring, bigger, _ring.Length);
            _ring = bigger;
        }
        _ring[(int)(_nextSeq % (ulong)_ring.Length)] = rec;
        _nextSeq++;
    }

    public void AddTaint(Taint t)
    {
        int old, nw;
        do
        {
            old = Volatile.Read(ref _taint);
            nw = old | (int)t;
        } while (Interlocked.CompareExchange(ref _taint, nw, old) != old);
    }

    /// <summary>Records from <paramref name="fromSeq"/> on; sets <paramref name="lost"/> when the ring overwrote some (EPIPE).</summary>
    public IReadOnlyList<LogRecord> ReadFrom(ulong fromSeq, out bool lost)
    {
        lock (_lock)
        {
            var oldest = _nextSeq > (ulong)_ring.Length ? _nextSeq - (ulong)_ring.Length : 0;
            lost = fromSeq < oldest;
            var start = Math.Max(fromSeq, oldest);
            var list = new List<LogRecord>((int)Math.Min(_nextSeq - Math.Min(start, _nextSeq), 4096));
            for (var s = start; s < _nextSeq; s++)
                list.Add(_ring[(int)(s % (ulong)_ring.Length)]);
            return list;
        }
    }

    public IReadOnlyList<LogRecord> ReadAll() => ReadFrom(0, out _);

    public KmsgReader OpenReader(bool fromEnd = true) => new(this, fromEnd ? NextSeq : 0);
}
