namespace Igt.Stress.Fuzz;

/// <summary>One fuzz run: target, seed, budget, mode.</summary>
public sealed record FuzzOptions(string Target, ulong Seed, TimeSpan Duration)
{
    /// <summary>Several tasks and threads at once (nightly); the default is the deterministic sequential mode.</summary>
    public bool Concurrent { get; init; }

    /// <summary>Ops per program: each program gets a fresh machine (like a syzkaller VM restart).</summary>
    public int OpsPerProgram { get; init; } = 250;

    /// <summary>Upper bound on programs, whatever the duration (0 = none).</summary>
    public int MaxPrograms { get; init; }

    public IReadOnlyList<string> KnownBugs { get; init; } = [];

    public string Profile { get; init; } = "ci";

    /// <summary>Where finding directories go (IGT_FINDINGS_DIR, the test's artifact dir, or a temp dir).</summary>
    public string? FindingsDir { get; init; }

    /// <summary>Stop at the first finding (CI) or keep going with new programs, deduplicating by title (nightly).</summary>
    public bool StopAtFirstFinding { get; init; } = true;

    public int Lanes { get; init; } = FuzzSession.DefaultLanes;

    /// <summary>The finding's Target: concurrent runs are recorded as "i915-concurrent".</summary>
    public string RecordTarget => Concurrent ? $"{Target}{FuzzPrograms.ConcurrentSuffix}" : Target;
}
