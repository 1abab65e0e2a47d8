namespace Igt.Stress.Fuzz;

/// <summary>uAPI rules of etnaviv the fuzzer checks beyond errno sets.</summary>
public static class EtnavivOracles
{
    /// <summary>
    /// submit_reloc(): a relocation whose reloc_offset is past the end of its BO (size - 4) must fail with -EINVAL,
    /// or the GPU gets an address outside the object.
    /// </summary>
    public static string? RelocInsideBo(FuzzCallView c)
    {
        if (c.Ret != 0)
            return null;
        var bos = c.Array("bos");
        var relocs = c.Array("relocs");
        if (bos is null || relocs is null)
            return null;
        foreach (var r in relocs)
        {
            var idx = BitConverter.ToUInt32(r, 4);
            var off = BitConverter.ToUInt64(r, 8);
            if (idx >= bos.Count)
                continue;
            var bo = c.Handle(BitConverter.ToUInt32(bos[(int)idx], 4));
            if (bo is { Size: > 0 } && off > bo.Size - 4)
                return "ETNAVIV_GEM_SUBMIT accepted a relocation past the end of its BO";
        }
        return null;
    }
}
