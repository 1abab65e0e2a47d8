namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_vram_mapping: a BO mapped into one MMU context at <see cref="Iova"/>. The mapping stays after the
/// job (cached for the next submit) until the BO or the context goes; <see cref="Use"/> counts submits using it now.
/// While mapped, the BO's pages are pinned.
/// </summary>
public sealed class EtnavivVramMapping
{
    internal EtnavivVramMapping(EtnavivGem obj, EtnavivIommuContext context, uint iova, int pages)
    {
        Object = obj;
        Context = context;
        Iova = iova;
        PageCount = pages;
    }

    public EtnavivGem Object { get; }

    public EtnavivIommuContext Context { get; }

    public uint Iova { get; }

    public int PageCount { get; }

    /// <summary>Submits currently using the mapping. Guarded by the object's lock.</summary>
    public int Use { get; internal set; }

    /// <summary>Torn down (context freed or object freed).</summary>
    public bool Unmapped { get; internal set; }
}
