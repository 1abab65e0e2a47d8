namespace Igt.Drivers.I915;

/// <summary>The emulated platform for a graphics version: its name and PCI id, and which features it has.</summary>
public sealed record I915Platform(int GraphicsVersion, string Name, ushort PciId, byte Revision)
{
    public static I915Platform For(int graphicsVersion) => graphicsVersion switch
    {
        8 => new(8, "BROADWELL", 0x1616, 0x09),
        9 => new(9, "SKYLAKE", 0x1912, 0x06),
        11 => new(11, "ICELAKE", 0x8a52, 0x07),
        12 => new(12, "TIGERLAKE", 0x9a49, 0x01),
        _ => throw new ArgumentOutOfRangeException(nameof(graphicsVersion), graphicsVersion, "emulated i915 supports graphics versions 8, 9, 11 and 12"),
    };

    /// <summary>vm->has_read_only: the PTE read-only bit is honoured (not on gen11).</summary>
    public bool HasReadOnlyPtes => GraphicsVersion != 11;

    /// <summary>The legacy GEM_MMAP ioctl: refused on graphics version 12+ except Tigerlake.</summary>
    public bool HasLegacyMmap => GraphicsVersion < 12 || Name == "TIGERLAKE";

    /// <summary>GPU relocations: newer platforms (12.5+) reject them; all emulated platforms still have them.</summary>
    public bool HasRelocations => true;
}
