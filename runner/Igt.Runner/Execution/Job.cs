namespace Igt.Runner.Execution;

/// <summary>One subtest to run in one iteration, from the test assembly that holds it.</summary>
public sealed record Job(int Iteration, string Name, string Source);
