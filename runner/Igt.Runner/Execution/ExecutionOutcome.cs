namespace Igt.Runner.Execution;

/// <summary>How execution ended: why it stopped early (if it did), and how many tests got a result.</summary>
public sealed record ExecutionOutcome(StopReason Stop, string? AbortReason, int Finished);
