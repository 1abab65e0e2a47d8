using Igt.Stress.Core;

namespace Igt.Stress.Fuzz;

/// <summary>A finding of a fuzz run: its record, the ops that led to it, and where it was written.</summary>
public sealed record FuzzFinding(FindingRecord Record, IReadOnlyList<FuzzOp> Ops, string Dir)
{
    /// <summary>The command that replays and shrinks it.</summary>
    public string ReproCommand => $"dotnet run --project runner/Igt.Runner -c Release -- repro {Dir}";
}
