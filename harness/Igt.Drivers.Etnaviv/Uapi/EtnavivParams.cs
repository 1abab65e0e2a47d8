namespace Igt.Drivers.Etnaviv.Uapi;

/// <summary>ETNAVIV_PARAM_* ids of GET_PARAM.</summary>
public static class EtnavivParams
{
    public const uint GpuModel = 0x01;
    public const uint GpuRevision = 0x02;
    public const uint GpuFeatures0 = 0x03;
    public const uint GpuFeatures12 = 0x0F;
    public const uint GpuStreamCount = 0x10;
    public const uint GpuRegisterMax = 0x11;
    public const uint GpuThreadCount = 0x12;
    public const uint GpuVertexCacheSize = 0x13;
    public const uint GpuShaderCoreCount = 0x14;
    public const uint GpuPixelPipes = 0x15;
    public const uint GpuVertexOutputBufferSize = 0x16;
    public const uint GpuBufferSize = 0x17;
    public const uint GpuInstructionCount = 0x18;
    public const uint GpuNumConstants = 0x19;
    public const uint GpuNumVaryings = 0x1A;
    public const uint SoftpinStartAddr = 0x1B;
    public const uint GpuProductId = 0x1C;
    public const uint GpuCustomerId = 0x1D;
    public const uint GpuEcoId = 0x1E;

    /// <summary>Every defined param id, in order.</summary>
    public static IEnumerable<uint> All => Enumerable.Range((int)GpuModel, (int)(GpuEcoId - GpuModel + 1)).Select(i => (uint)i);

    public static uint GpuFeatures(int n) => GpuFeatures0 + (uint)n;
}
