namespace Igt.Stress.Fuzz;

/// <summary>What a byte buffer holds (<see cref="FuzzField.Content"/>).</summary>
public static class FuzzContent
{
    /// <summary>Random bytes (or zeros).</summary>
    public const ulong Bytes = 0;

    /// <summary>An etnaviv front-end command stream: NOP/STALL/LOAD_STATE commands with some noise.</summary>
    public const ulong EtnavivStream = 1;

    /// <summary>i915 batch dwords: MI_NOOP, MI_STORE_DWORD_IMM, MI_BATCH_BUFFER_END with some noise.</summary>
    public const ulong I915Batch = 2;
}
