namespace Igt.Kernel.Mm;

/// <summary>/proc/vmstat counters the suite reads. Updated with Interlocked; read through <see cref="Snapshot"/>.</summary>
public sealed class VmStat
{
    internal long PgScanKswapd;
    internal long PgScanDirect;
    internal long PgStealKswapd;
    internal long PgStealDirect;
    internal long PswpIn;
    internal long PswpOut;
    internal long PgFault;
    internal long PgMajFault;
    internal long AllocStall;
    internal long PgAllocFail;
    internal long KswapdWakeups;
    internal long CowFaults;

    /// <summary>Counts pages a driver's own shrinker swapped in (shmem swap-in).</summary>
    public void CountSwapIn(long pages = 1) => Interlocked.Add(ref PswpIn, pages);

    /// <summary>Counts pages a driver's own shrinker swapped out.</summary>
    public void CountSwapOut(long pages = 1) => Interlocked.Add(ref PswpOut, pages);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>
    {
        ["pgscan_kswapd"] = Interlocked.Read(ref PgScanKswapd),
        ["pgscan_direct"] = Interlocked.Read(ref PgScanDirect),
        ["pgsteal_kswapd"] = Interlocked.Read(ref PgStealKswapd),
        ["pgsteal_direct"] = Interlocked.Read(ref PgStealDirect),
        ["pswpin"] = Interlocked.Read(ref PswpIn),
        ["pswpout"] = Interlocked.Read(ref PswpOut),
        ["pgfault"] = Interlocked.Read(ref PgFault),
        ["pgmajfault"] = Interlocked.Read(ref PgMajFault),
        ["allocstall"] = Interlocked.Read(ref AllocStall),
        ["pgalloc_fail"] = Interlocked.Read(ref PgAllocFail),
        ["kswapd_wakeups"] = Interlocked.Read(ref KswapdWakeups),
        ["cow_faults"] = Interlocked.Read(ref CowFaults),
    };

    public long this[string name] => Snapshot().TryGetValue(name, out var v) ? v : 0;

    public long PagesScanned => Interlocked.Read(ref PgScanKswapd) + Interlocked.Read(ref PgScanDirect);

    public long PagesReclaimed => Interlocked.Read(ref PgStealKswapd) + Interlocked.Read(ref PgStealDirect);

    public string Format() => string.Concat(Snapshot().Select(kv => $"{kv.Key} {kv.Value}\n"));
}
