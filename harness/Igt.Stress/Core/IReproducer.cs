namespace Igt.Stress.Core;

/// <summary>Replays and writes out the findings of one kind ("stress", "fuzz").</summary>
public interface IReproducer
{
    string Kind { get; }

    /// <summary>
    /// Replays the finding's operations (all when <paramref name="keep"/> is null, else only those indices, in order)
    /// on a fresh machine built from the finding's seed and bugs; returns the title of what happened (null = nothing
    /// found).
    /// </summary>
    string? Replay(FindingRecord finding, IReadOnlyList<int>? keep);

    /// <summary>
    /// A standalone xunit test (a class deriving Igt.Fixtures.IgtTest with one [Subtest]) that performs exactly
    /// those operations with explicit C# calls and fails the same way while the bug is present.
    /// </summary>
    string WriteXunitTest(FindingRecord finding, IReadOnlyList<int> keep, string className);
}
