namespace Igt.Drivers.I915.Hw;

/// <summary>How a batch left the command streamer.</summary>
public enum I915BatchResult
{
    /// <summary>Reached MI_BATCH_BUFFER_END.</summary>
    Completed,
    /// <summary>Ran (or stalled) past the heartbeat: hangcheck resets the engine.</summary>
    Hung,
    /// <summary>The engine was stopped (driver unbind, machine shutdown) or the request cancelled.</summary>
    Cancelled,
}
