namespace Igt.Core;

/// <summary>A forked child failed (igt_waitchildren passes child failures on to the parent).</summary>
public sealed class ChildFailedException(int pid, int exitCode, Exception? cause)
    : Exception($"child {pid} failed with exit code {exitCode}{(cause is null ? "" : ": " + cause.Message)}", cause)
{
    public int Pid { get; } = pid;

    public int ExitCode { get; } = exitCode;
}
