namespace Igt.Kernel.Printk;

/// <summary>Taint bits as /proc/sys/kernel/tainted reports them (include/linux/panic.h).</summary>
[Flags]
public enum Taint : uint
{
    None = 0,
    ProprietaryModule = 1u << 0,
    ForcedModule = 1u << 1,
    CpuOutOfSpec = 1u << 2,
    ForcedRmmod = 1u << 3,
    MachineCheck = 1u << 4,
    BadPage = 1u << 5,
    User = 1u << 6,
    Die = 1u << 7,
    OverriddenAcpiTable = 1u << 8,
    Warn = 1u << 9,
    Crap = 1u << 10,
    FirmwareWorkaround = 1u << 11,
    OotModule = 1u << 12,
    UnsignedModule = 1u << 13,
    SoftLockup = 1u << 14,
    Livepatch = 1u << 15,
    Aux = 1u << 16,
    Randstruct = 1u << 17,
    Test = 1u << 18,
}

public static class TaintExtensions
{
    /// <summary>The taints igt_runner's --abort-on-monitored-error=taint treats as fatal.</summary>
    public const Taint BadTaints = Taint.MachineCheck | Taint.BadPage | Taint.Die | Taint.Warn;

    private const string Letters = "PFSRMBUDAWCIOEKLXTN";

    /// <summary>The "Tainted: G        W" style string of print_tainted().</summary>
    public static string ToTaintString(this Taint t)
    {
        if (t == Taint.None)
            return "Not tainted";
        var chars = new char[Letters.Length];
        for (var i = 0; i < Letters.Length; i++)
            chars[i] = ((uint)t & (1u << i)) != 0 ? Letters[i] : i == 0 ? 'G' : ' ';
        return "Tainted: " + new string(chars).TrimEnd();
    }
}
