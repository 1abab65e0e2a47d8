namespace Igt.Kernel.Mm;

/// <summary>struct shrink_control: what reclaim asks of a shrinker.</summary>
public sealed class ShrinkControl
{
    public long NrToScan { get; set; }

    /// <summary>Set by the shrinker: how many objects it looked at.</summary>
    public long NrScanned { get; set; }

    /// <summary>True when called from kswapd, false in direct reclaim.</summary>
    public bool Kswapd { get; init; }
}
