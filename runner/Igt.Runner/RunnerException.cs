namespace Igt.Runner;

/// <summary>The run cannot go on (a build that fails, a test host that cannot list its tests): exit code 1, one line.</summary>
public sealed class RunnerException(string message) : Exception(message);
