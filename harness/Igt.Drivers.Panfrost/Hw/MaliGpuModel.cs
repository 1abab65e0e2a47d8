namespace Igt.Drivers.Panfrost.Hw;

/// <summary>
/// The identification and feature registers of an emulated Mali GPU, as panfrost reads them at probe time
/// (panfrost_gpu_init_features) and returns them through GET_PARAM. Values are those of real parts.
/// </summary>
public sealed record MaliGpuModel
{
    /// <summary>Mali-G52 (Bifrost), as in the RK3568 at fde60000.gpu: 1 core, AArch64-format MMU.</summary>
    public static readonly MaliGpuModel MaliG52 = new()
    {
        Name = "g52",
        GpuId = 0x7402_1000,
        ShaderPresent = 0x1,
        TilerPresent = 0x1,
        L2Present = 0x1,
        StackPresent = 0x1,
        AsPresent = 0xff,
        JsPresent = 0x7,
        L2Features = 0x0712_0206,
        CoreFeatures = 0x2,
        TilerFeatures = 0x809,
        MemFeatures = 0x1,
        MmuFeatures = 0x2830,
        ThreadFeatures = 0x0400_0400,
        MaxThreads = 0x300,
        ThreadMaxWorkgroupSz = 0x180,
        ThreadMaxBarrierSz = 0x180,
        CoherencyFeatures = 0x1,
        TextureFeatures = [0xc1ff_ff9e, 0x0, 0x0, 0x0],
        JsFeatures = [0x20e, 0x1fe, 0x7e],
        NrCoreGroups = 1,
        ThreadTlsAlloc = 0x180,
        AfbcFeatures = 0x0,
        IsBifrost = true,
        Aarch64Mmu = true,
        FlushReduction = true,
    };

    /// <summary>Mali-T860 (Midgard), as in the RK3399 at ff9a0000.gpu: 4 cores, LPAE-format MMU.</summary>
    public static readonly MaliGpuModel MaliT860 = new()
    {
        Name = "t860",
        GpuId = 0x0860_2002,
        ShaderPresent = 0xf,
        TilerPresent = 0x1,
        L2Present = 0x1,
        StackPresent = 0x0,
        AsPresent = 0xff,
        JsPresent = 0x7,
        L2Features = 0x0713_0206,
        CoreFeatures = 0x0,
        TilerFeatures = 0x809,
        MemFeatures = 0x1,
        MmuFeatures = 0x2830,
        ThreadFeatures = 0x0a04_0400,
        MaxThreads = 0x100,
        ThreadMaxWorkgroupSz = 0x100,
        ThreadMaxBarrierSz = 0x100,
        CoherencyFeatures = 0x1,
        TextureFeatures = [0x00fe_001e, 0x0000_ffff, 0x9f81_ffff, 0x0],
        JsFeatures = [0x20e, 0x1fe, 0x7e],
        NrCoreGroups = 1,
        ThreadTlsAlloc = 0x0,
        AfbcFeatures = 0x0,
        IsBifrost = false,
        Aarch64Mmu = false,
        FlushReduction = true,
    };

    /// <summary>"mali-&lt;Name&gt;" in the probe message.</summary>
    public required string Name { get; init; }

    /// <summary>GPU_ID: product id in the top half, revision (major.minor.status) in the bottom half.</summary>
    public required uint GpuId { get; init; }

    public uint ProdId => GpuId >> 16;

    public uint Revision => GpuId & 0xffff;

    public required ulong ShaderPresent { get; init; }

    public required ulong TilerPresent { get; init; }

    public required ulong L2Present { get; init; }

    public required ulong StackPresent { get; init; }

    public required uint AsPresent { get; init; }

    public required uint JsPresent { get; init; }

    public required uint L2Features { get; init; }

    public required uint CoreFeatures { get; init; }

    public required uint TilerFeatures { get; init; }

    public required uint MemFeatures { get; init; }

    /// <summary>Bits 0-7: input (VA) bits, 8-15: output (PA) bits.</summary>
    public required uint MmuFeatures { get; init; }

    public required uint ThreadFeatures { get; init; }

    public required uint MaxThreads { get; init; }

    public required uint ThreadMaxWorkgroupSz { get; init; }

    public required uint ThreadMaxBarrierSz { get; init; }

    public required uint CoherencyFeatures { get; init; }

    public required uint[] TextureFeatures { get; init; }

    public required uint[] JsFeatures { get; init; }

    public required uint NrCoreGroups { get; init; }

    public required uint ThreadTlsAlloc { get; init; }

    public required uint AfbcFeatures { get; init; }

    public required bool IsBifrost { get; init; }

    /// <summary>HW_FEATURE_AARCH64_MMU: decides whether fault access type 0 prints as ATOMIC or UNKNOWN.</summary>
    public required bool Aarch64Mmu { get; init; }

    /// <summary>HW_FEATURE_FLUSH_REDUCTION: sets JS_CONFIG_ENABLE_FLUSH_REDUCTION.</summary>
    public required bool FlushReduction { get; init; }

    /// <summary>Number of hardware address spaces (bits of AS_PRESENT).</summary>
    public int AddressSpaces => System.Numerics.BitOperations.PopCount(AsPresent);
}
