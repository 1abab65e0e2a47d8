namespace Igt.Runner.Selection;

/// <summary>What to run and why: the regexes, lists and slice that narrow the discovered tests.</summary>
public sealed record TestSelection
{
    /// <summary>-t: keep only names that match one of these (case-insensitive, anywhere in the name).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>-x and every --blocklist line: drop names that match one of these.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>--test: exact names to run.</summary>
    public IReadOnlyList<string> Tests { get; init; } = [];

    /// <summary>--test-list entries (name, file:line) in file order.</summary>
    public IReadOnlyList<(string Name, string Where)> TestList { get; init; } = [];

    public ShardSpec? Shard { get; init; }

    public ulong ShardSeed { get; init; }

    /// <summary>The mandatory sanity test, or null.</summary>
    public string? Sanity { get; init; }
}
