namespace Igt.Runner.Execution;

/// <summary>Why the executor stopped starting tests before the job list ran out.</summary>
public enum StopReason
{
    None,

    /// <summary>An abort condition (taint, a requested abort, a failed sanity test): the rest are notrun.</summary>
    Abort,

    /// <summary>--overall-timeout was used up: the rest are notrun (exit code 3).</summary>
    OverallTimeout,

    /// <summary>--duration has passed: a stress loop's normal end.</summary>
    Duration,

    /// <summary>SIGINT/SIGHUP asked for a graceful stop: running tests finish, the rest are notrun.</summary>
    Stopped,

    /// <summary>SIGTERM or a second SIGINT: running tests were killed and are incomplete.</summary>
    Interrupted,
}
