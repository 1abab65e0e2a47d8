using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Stress.Fuzz;

/// <summary>
/// Runs ops on a fresh machine and checks the invariants: each result is 0 or an errno userspace may see, oracles
/// hold, no oops/KASAN/WARN/BUG in dmesg, and after teardown (all tasks exited, fds closed) the page count is back
/// to its boot value. The sequential form is the deterministic one that replays use.
/// </summary>
public static class FuzzProgram
{
    /// <summary>How long teardown may take to give every page back (GPU jobs retiring, deferred frees).</summary>
    public static TimeSpan TeardownGrace { get; set; } = TimeSpan.FromSeconds(3);

    public static Machine Boot(FuzzTarget target, ulong seed, IEnumerable<string> bugs)
    {
        var cfg = new MachineConfig { Seed = seed };
        target.Configure(cfg);
        foreach (var b in bugs)
            cfg.KnownBugs.Add(b);
        return Machine.Boot(cfg);
    }

    /// <summary>Runs <paramref name="ops"/> in order from one thread; stops at the first finding.</summary>
    public static FuzzProgramResult RunSequential(FuzzTarget target, ulong seed, IEnumerable<string> bugs, IEnumerable<FuzzOp> ops,
        Action<FuzzOp>? onExecuted = null, int lanes = FuzzSession.DefaultLanes)
    {
        using var machine = Boot(target, seed, bugs);
        var executed = new List<FuzzOp>();
        var session = new FuzzSession(machine, target, lanes);
        var tracker = new FuzzTracker(target);
        var watch = new DmesgWatch(machine);
        string? title = null;
        foreach (var op in ops)
        {
            var res = session.Execute(op);
            var done = op with { Ret = res.Ret };
            executed.Add(done);
            onExecuted?.Invoke(done);
            title = tracker.Observe(op, res, session) ?? watch.Check();
            if (title is not null)
                break;
        }
        title ??= Teardown(machine, session, watch, tracker);
        return new FuzzProgramResult(title, executed, machine.Dmesg.ReadAll().Select(r => r.ToDmesg()).ToList());
    }

    /// <summary>
    /// Teardown check: the tasks exit (closing every fd), the machine shuts down, then pages must be back to the
    /// boot count; an oops at exit or shutdown is a finding too.
    /// </summary>
    public static string? Teardown(Machine machine, FuzzSession session, DmesgWatch watch, FuzzTracker tracker)
    {
        session.Dispose();
        var title = watch.Check();
        if (title is not null)
            return title;
        // Jobs in flight retire first; what an idle GPU still holds (etnaviv keeps the last MMU context until
        // runtime suspend) goes at shutdown, which also cancels jobs that never end.
        var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(200);
        while (machine.Pages.UsedPages > machine.BootUsedPages && DateTime.UtcNow < deadline)
            Thread.Sleep(5);
        var left = machine.Pages.UsedPages - machine.BootUsedPages;
        var owners = string.Join(", ", Enum.GetValues<PageOwner>().Where(o => o != PageOwner.Free)
            .Select(o => $"{o} {machine.Pages.PagesOwnedBy(o)}"));
        machine.Dispose();
        deadline = DateTime.UtcNow + TeardownGrace;
        while (machine.Pages.UsedPages > machine.BootUsedPages && DateTime.UtcNow < deadline)
            Thread.Sleep(10);
        if (machine.Pages.UsedPages > machine.BootUsedPages)
        {
            machine.Dmesg.Printk(Igt.Kernel.Printk.LogLevel.Info,
                $"fuzz: {left} pages not freed after teardown, {machine.Pages.UsedPages - machine.BootUsedPages} after shutdown ({owners})");
            foreach (var line in LeakedOwners(machine))
                machine.Dmesg.Printk(Igt.Kernel.Printk.LogLevel.Info, $"fuzz: still held: {line}");
            return watch.Check() ?? tracker.Title("pages not freed after teardown");
        }
        return watch.Check();
    }

    /// <summary>What holds the pages a teardown left (page_owner, grouped by owning object): the first lead when triaging a leak.</summary>
    private static IEnumerable<string> LeakedOwners(Machine machine, int max = 8)
    {
        var byOwner = new Dictionary<string, int>();
        for (uint pfn = 0; pfn < machine.Pages.TotalPages; pfn++)
        {
            var owner = machine.Pages.OwnerOf(pfn);
            if (owner is PageOwner.Free or PageOwner.Kernel)
                continue;
            var key = $"{owner} {machine.Pages.OwnerObjectOf(pfn)?.ToString() ?? "-"}";
            byOwner[key] = byOwner.GetValueOrDefault(key) + 1;
        }
        return byOwner.OrderByDescending(kv => kv.Value).Take(max).Select(kv => $"{kv.Value} pages {kv.Key}");
    }
}
