namespace Igt.Stress.Fuzz;

/// <summary>
/// The description of one ioctl: its name as the kernel's table has it, its request number, its argument struct,
/// and optionally an oracle that knows a rule the kernel must enforce (a call that breaks it must fail).
/// </summary>
public sealed record FuzzIoctl(string Name, uint Cmd, FuzzStruct Arg)
{
    /// <summary>Returns a violation text when the call's result breaks a uAPI rule, else null.</summary>
    public Func<FuzzCallView, string?>? Oracle { get; init; }

    /// <summary>The real handler returns a positive count on success (panfrost WAIT_BO: remaining jiffies).</summary>
    public bool PositiveOk { get; init; }

    /// <summary>Relative weight when picking the next call (creators get more).</summary>
    public int Weight { get; init; } = 10;
}
