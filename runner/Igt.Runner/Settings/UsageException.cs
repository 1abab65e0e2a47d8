namespace Igt.Runner.Settings;

/// <summary>Bad input to the runner: a missing file, a malformed list, an unknown test. Exit code 2, one line.</summary>
public sealed class UsageException(string message) : Exception(message);
