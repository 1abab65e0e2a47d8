namespace Igt.Drivers.Panfrost.Hw;

/// <summary>How a chain ended: the JS_STATUS code (DONE, STOPPED, TERMINATED or a fault) with JS_HEAD/JS_TAIL.</summary>
public readonly record struct JobResult(uint Status, ulong Head, ulong Tail)
{
    public bool IsFault => PanfrostException.IsFault(Status);
}
