namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_chip_identity: what GET_PARAM reports. The two presets are real Vivante cores with the values the
/// hardware reports (mesa's drm-shim table and the kernel's etnaviv_hwdb.c): GC2000 rev 0x5108 (i.MX6Q, MMUv1) and
/// GC7000L rev 0x6214 (i.MX8MQ, MMUv2). Product/customer/eco ids are those of the hwdb entry.
/// </summary>
public sealed record EtnavivChipIdentity
{
    public required string Name { get; init; }

    public required uint Model { get; init; }

    public required uint Revision { get; init; }

    public uint ProductId { get; init; }

    public uint CustomerId { get; init; }

    public uint EcoId { get; init; }

    /// <summary>features, minor_features0..11 (GET_PARAM GPU_FEATURES_0..12).</summary>
    public required uint[] Features { get; init; }

    public uint StreamCount { get; init; }

    public uint RegisterMax { get; init; }

    public uint ThreadCount { get; init; }

    public uint VertexCacheSize { get; init; }

    public uint ShaderCoreCount { get; init; }

    public uint PixelPipes { get; init; }

    public uint VertexOutputBufferSize { get; init; }

    public uint BufferSize { get; init; }

    public uint InstructionCount { get; init; }

    public uint NumConstants { get; init; }

    public uint VaryingsCount { get; init; }

    /// <summary>chipMinorFeatures1_MMU_VERSION (bit 28 of minor_features1): the core has MMUv2.</summary>
    public EtnavivIommuVersion MmuVersion => (Features[2] & (1u << 28)) != 0 ? EtnavivIommuVersion.V2 : EtnavivIommuVersion.V1;

    public static EtnavivChipIdentity Gc2000 { get; } = new()
    {
        Name = "GC2000",
        Model = 0x2000,
        Revision = 0x5108,
        Features = [0xe0296cad, 0xc9799eff, 0x2efbf2d9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        StreamCount = 8,
        RegisterMax = 64,
        ThreadCount = 1024,
        VertexCacheSize = 16,
        ShaderCoreCount = 4,
        PixelPipes = 2,
        VertexOutputBufferSize = 512,
        BufferSize = 0,
        InstructionCount = 512,
        NumConstants = 168,
        VaryingsCount = 11,
    };

    public static EtnavivChipIdentity Gc7000L { get; } = new()
    {
        Name = "GC7000L",
        Model = 0x7000,
        Revision = 0x6214,
        ProductId = 0x70003,
        Features =
        [
            0xe0287cad, 0xc1799eff, 0xfefbfad9, 0xeb9d4fbf, 0xedfffced, 0xdb0dafc7, 0xbb5ac333,
            0xfc8ee200, 0x03fbfa6f, 0x00ef0ef0, 0x0edbf03c, 0x90044250, 0x00000024,
        ],
        StreamCount = 16,
        RegisterMax = 64,
        ThreadCount = 1024,
        VertexCacheSize = 16,
        ShaderCoreCount = 4,
        PixelPipes = 2,
        VertexOutputBufferSize = 1024,
        BufferSize = 0,
        InstructionCount = 512,
        NumConstants = 320,
        VaryingsCount = 16,
    };
}
