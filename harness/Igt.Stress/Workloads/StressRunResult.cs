namespace Igt.Stress.Workloads;

/// <summary>How a stress run ended: the finding (if any), the operations executed, and the rate.</summary>
public sealed record StressRunResult(
    string Workload,
    ulong Seed,
    IReadOnlyList<string> KnownBugs,
    string? Title,
    string? Detail,
    IReadOnlyList<StressOp> Ops,
    TimeSpan Elapsed)
{
    public bool Found => Title is not null;

    /// <summary>Operations executed, the failing one included.</summary>
    public int OpCount => Ops.Count;

    public double OpsPerSecond => Elapsed.TotalSeconds > 0 ? OpCount / Elapsed.TotalSeconds : 0;
}
