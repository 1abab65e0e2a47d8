namespace Igt.Os;

/// <summary>A forked child process.</summary>
public interface IChild
{
    int Pid { get; }

    /// <summary>waitpid(): the exit code, or -ETIMEDOUT.</summary>
    int Wait(int timeoutMs = Timeout.Infinite);

    /// <summary>Why the child failed (an assertion in its body), or null.</summary>
    Exception? Failure { get; }
}
