namespace Igt.Stress.Fuzz;

/// <summary>
/// A program run from every lane at once: lanes 0-1 are two threads of the parent task, the others forked
/// children sharing its fds. Each lane generates its own ops; the log numbers them in the order they started
/// and remaps fixups, so the log replays sequentially in that order.
/// </summary>
public static class FuzzConcurrent
{
    public static FuzzProgramResult Run(FuzzTarget target, ulong seed, IEnumerable<string> bugs, int count, int lanes,
        Action<FuzzOp>? onExecuted = null)
    {
        using var machine = FuzzProgram.Boot(target, seed, bugs);
        var session = new FuzzSession(machine, target, lanes);
        var tracker = new FuzzTracker(target) { Oracles = false };
        var watch = new DmesgWatch(machine);
        var log = new List<FuzzOp>();
        var gate = new object();
        string? title = null;
        var next = 0;
        var perLane = (count + lanes - 1) / lanes;

        void Lane(int lane)
        {
            var gen = FuzzPrograms.LaneGenerator(target, seed, lane);
            var map = new Dictionary<int, int>();
            for (var k = 0; k < perLane; k++)
            {
                var op = gen.Next(k, lane);
                lock (gate)
                {
                    if (title is not null || next >= count)
                        return;
                    map[k] = next;
                    op = FuzzPrograms.Renumber(op, next++, map);
                    log.Add(op);
                }
                var res = session.Execute(op);
                onExecuted?.Invoke(op with { Ret = res.Ret });
                lock (gate)
                {
                    log[log.FindIndex(o => o.Index == op.Index)] = op with { Ret = res.Ret };
                    title ??= tracker.Observe(op, res, session) ?? watch.Check();
                }
            }
        }

        var threads = Enumerable.Range(0, lanes).Select(l => new Thread(() => Lane(l)) { IsBackground = true, Name = $"fuzz-lane{l}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        title ??= FuzzProgram.Teardown(machine, session, watch, tracker);
        return new FuzzProgramResult(title, log, machine.Dmesg.ReadAll().Select(r => r.ToDmesg()).ToList());
    }
}
