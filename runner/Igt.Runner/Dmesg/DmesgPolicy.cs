namespace Igt.Runner.Dmesg;

/// <summary>
/// Which kernel messages make a test dmesg-warn (IGT's --dmesg-warn-level and --piglit-style-dmesg, plus extra
/// allow-list patterns).
/// </summary>
public sealed record DmesgPolicy(int WarnLevel, bool PiglitStyle, IReadOnlyList<string> ExtraAllow)
{
    /// <summary>KERN_WARNING: IGT's default threshold.</summary>
    public const int DefaultWarnLevel = 4;

    /// <summary>KERN_NOTICE: the threshold piglit-style dmesg implies when none is given.</summary>
    public const int DefaultPiglitWarnLevel = 5;

    public static readonly DmesgPolicy Default = new(DefaultWarnLevel, false, []);
}
