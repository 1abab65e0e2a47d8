namespace Igt.Stress.Fuzz;

/// <summary>How one program (a fresh machine running a sequence of ops) ended.</summary>
/// <param name="Title">The finding's title, null when clean.</param>
/// <param name="Executed">The ops that ran, in order, up to and including the failing one.</param>
/// <param name="Dmesg">The machine's log, for the finding directory.</param>
public sealed record FuzzProgramResult(string? Title, IReadOnlyList<FuzzOp> Executed, IReadOnlyList<string> Dmesg);
