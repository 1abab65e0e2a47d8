namespace Igt.Drivers.Panfrost.Hw;

/// <summary>JS_COMMAND values a running chain can receive.</summary>
public enum JobStopRequest
{
    None,
    /// <summary>JS_COMMAND_SOFT_STOP: stop between jobs, status STOPPED, resumable from JS_TAIL.</summary>
    SoftStop,
    /// <summary>JS_COMMAND_HARD_STOP: stop now, status TERMINATED.</summary>
    HardStop,
}
