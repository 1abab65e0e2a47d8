using System.Collections.Concurrent;
using System.Diagnostics;
using Igt.Stress.Core;

namespace Igt.Stress.Fuzz;

/// <summary>
/// The ioctl fuzzer: programs of generated ops on fresh machines until the time budget is spent, counting calls
/// per ioctl and collecting findings (deduplicated by title, each written to a finding directory).
/// </summary>
public static class IoctlFuzzer
{
    public static FuzzRunResult Run(FuzzOptions o)
    {
        var target = FuzzTarget.Get(o.Target);
        var calls = new ConcurrentDictionary<string, long>();
        var succeeded = new ConcurrentDictionary<string, long>();
        foreach (var d in target.Ioctls)
            calls[d.Name] = 0;
        var findings = new List<FuzzFinding>();
        var sw = Stopwatch.StartNew();
        long ops = 0;
        var program = 0;
        while ((program == 0 || sw.Elapsed < o.Duration) && (o.MaxPrograms == 0 || program < o.MaxPrograms))
        {
            var seed = FuzzPrograms.ProgramSeed(o.Seed, program++);
            void Count(FuzzOp op)
            {
                Interlocked.Increment(ref ops);
                if (op.Kind == FuzzOpKind.Ioctl)
                {
                    calls.AddOrUpdate(op.Name, 1, (_, n) => n + 1);
                    if (op.Ret == 0)
                        succeeded.AddOrUpdate(op.Name, 1, (_, n) => n + 1);
                }
            }
            var result = o.Concurrent
                ? FuzzConcurrent.Run(target, seed, o.KnownBugs, o.OpsPerProgram, o.Lanes, Count)
                : FuzzProgram.RunSequential(target, seed, o.KnownBugs,
                    FuzzPrograms.Sequential(target, seed, o.OpsPerProgram, o.Lanes), Count, o.Lanes);
            if (result.Title is { } title && findings.All(f => f.Record.Title != title))
            {
                var record = new FindingRecord("fuzz", o.RecordTarget, seed, o.KnownBugs, title, result.Executed.Count, o.Profile);
                var dir = FuzzFindingStore.Write(FindingStore.Root(o.FindingsDir), record, result.Executed, result.Dmesg);
                findings.Add(new FuzzFinding(record, result.Executed, dir));
                if (o.StopAtFirstFinding)
                    break;
            }
        }
        return new FuzzRunResult
        {
            Target = o.RecordTarget, Calls = calls.ToDictionary(), Succeeded = succeeded.ToDictionary(), Ops = ops, Programs = program, Elapsed = sw.Elapsed, Findings = findings,
        };
    }
}
