using Igt.Core;
using Igt.Kernel.Process;

namespace Igt.Os;

/// <summary>
/// Memory pressure helpers (igt_purge_vm_caches, and the thrash loops of gem_shrink/gem_userptr_blits):
/// allocate and touch anonymous memory, and ask the shrinkers to reclaim, until a target was reclaimed.
/// </summary>
public static class Thrash
{
    /// <summary>igt_purge_vm_caches: echo 3 &gt; /proc/sys/vm/drop_caches (every shrinker runs).</summary>
    public static void PurgeVmCaches(ISyscalls sys)
    {
        var r = sys.WriteTextFile("/proc/sys/vm/drop_caches", "3");
        IgtCore.Require(r == 0, "/proc/sys/vm/drop_caches writable");
    }

    /// <summary>Pages reclaimed so far (pgsteal_kswapd + pgsteal_direct of /proc/vmstat).</summary>
    public static long PagesReclaimed(ISyscalls sys)
    {
        var text = sys.ReadTextFile("/proc/vmstat") ?? "";
        long total = 0;
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[0].StartsWith("pgsteal_", StringComparison.Ordinal) && long.TryParse(parts[1], out var v))
                total += v;
        }
        return total;
    }

    /// <summary>Total RAM in bytes (MemTotal of /proc/meminfo).</summary>
    public static long TotalRam(ISyscalls sys) => MeminfoField(sys, "MemTotal");

    public static long MeminfoField(ISyscalls sys, string field)
    {
        // A real kernel batches vmstat counters per CPU: fold them first, or exact comparisons drift by a few
        // pages (vm.stat_refresh, root only; the emulated counters are always exact).
        if (!sys.IsEmulated)
            sys.WriteTextFile("/proc/sys/vm/stat_refresh", "1");
        foreach (var line in (sys.ReadTextFile("/proc/meminfo") ?? "").Split('\n'))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Replace("kB", "").Trim()) * 1024;
        }
        return 0;
    }

    /// <summary>
    /// Touches <paramref name="bytes"/> of fresh anonymous memory (in 1 MiB chunks, each written page by page and
    /// kept until the end), then releases it. Returns the pages reclaimed meanwhile.
    /// </summary>
    public static long Anon(ISyscalls sys, long bytes)
    {
        var before = PagesReclaimed(sys);
        var chunks = new List<ulong>();
        const ulong chunk = 1 << 20;
        var page = new byte[8];
        try
        {
            for (long done = 0; done < bytes; done += (long)chunk)
            {
                var addr = sys.Mmap(0, chunk, Prot.ReadWrite, MapFlags.Private | MapFlags.Anonymous);
                if (addr < 0)
                    break;
                chunks.Add((ulong)addr);
                for (ulong off = 0; off < chunk; off += 4096)
                {
                    BitConverter.TryWriteBytes(page, off);
                    if (sys.Write((ulong)addr + off, page) != FaultResult.Ok)
                        return PagesReclaimed(sys) - before;
                }
            }
        }
        finally
        {
            foreach (var a in chunks)
                sys.Munmap(a, chunk);
        }
        return PagesReclaimed(sys) - before;
    }

    /// <summary>Thrashes until at least <paramref name="targetPages"/> were reclaimed (or a bounded number of rounds).</summary>
    public static long UntilReclaimed(ISyscalls sys, long targetPages, int maxRounds = 8)
    {
        var ram = TotalRam(sys);
        long got = 0;
        for (var i = 0; i < maxRounds && got < targetPages; i++)
        {
            got += Anon(sys, ram);
            if (got < targetPages)
            {
                var before = PagesReclaimed(sys);
                PurgeVmCaches(sys);
                got += PagesReclaimed(sys) - before;
            }
        }
        return got;
    }
}
