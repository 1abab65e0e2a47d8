namespace Igt.Drivers.I915.Uapi;

/// <summary>I915_GEM_DOMAIN_* bits.</summary>
public static class I915GemDomain
{
    public const uint Cpu = 0x01;
    public const uint Render = 0x02;
    public const uint Sampler = 0x04;
    public const uint Command = 0x08;
    public const uint Instruction = 0x10;
    public const uint Vertex = 0x20;
    public const uint Gtt = 0x40;
    public const uint Wc = 0x80;

    /// <summary>I915_GEM_GPU_DOMAINS: what relocations may name.</summary>
    public const uint GpuDomains = Render | Sampler | Command | Instruction | Vertex;
}
