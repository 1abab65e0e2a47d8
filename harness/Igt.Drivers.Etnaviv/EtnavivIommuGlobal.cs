using Igt.Kernel;
using Igt.Kernel.Mm;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// struct etnaviv_iommu_global: the MMU state shared by the GPU cores of a device: the generation, the scratch "bad
/// page" unmapped MMUv1 entries point at, the single MMUv1 context, and the live MMUv2 contexts by master TLB
/// address (how the emulated front end finds the context VIVS_MMUv2_CONFIGURATION names).
/// </summary>
public sealed class EtnavivIommuGlobal
{
    private readonly object _lock = new();
    private readonly Dictionary<uint, EtnavivIommuV2> _v2 = new();
    private readonly EtnavivCmdbufSuballoc _suballoc;
    private EtnavivIommuV1? _v1;

    private EtnavivIommuGlobal(Machine machine, EtnavivIommuVersion version, EtnavivCmdbufSuballoc suballoc, PageRef badPage)
    {
        Machine = machine;
        Version = version;
        _suballoc = suballoc;
        BadPage = badPage;
    }

    public Machine Machine { get; }

    public EtnavivIommuVersion Version { get; }

    public PageRef BadPage { get; }

    public bool Freed { get; private set; }

    /// <summary>The single MMUv1 context (null on MMUv2).</summary>
    public EtnavivIommuV1? V1Context => _v1;

    /// <summary>etnaviv_iommu_global_init(): 0 or -ENOMEM.</summary>
    public static int Create(Machine machine, EtnavivIommuVersion version, EtnavivCmdbufSuballoc suballoc, out EtnavivIommuGlobal? global)
    {
        global = null;
        var err = machine.Pages.Alloc(PageOwner.Kernel, "etnaviv-bad-page", GfpFlags.Zero, out var bad);
        if (err != 0)
            return err;
        global = new EtnavivIommuGlobal(machine, version, suballoc, bad);
        if (version == EtnavivIommuVersion.V1)
            global._v1 = new EtnavivIommuV1(global);
        return 0;
    }

    /// <summary>etnaviv_iommu_context_init(): the shared MMUv1 context (one more reference) or a new MMUv2 one.</summary>
    public int ContextInit(out EtnavivIommuContext? ctx)
    {
        ctx = null;
        if (Version == EtnavivIommuVersion.V1)
        {
            _v1!.Get();
            ctx = _v1;
            return 0;
        }
        var err = EtnavivIommuV2.Create(this, _suballoc, out var v2);
        if (err != 0)
            return err;
        lock (_lock)
            _v2[v2!.MtlbAddress] = v2;
        ctx = v2;
        return 0;
    }

    /// <summary>The MMUv2 context whose master TLB lives at <paramref name="mtlb"/>, or null.</summary>
    public EtnavivIommuV2? FindV2(uint mtlb)
    {
        lock (_lock)
            return _v2.TryGetValue(mtlb & EtnavivStatesMask, out var c) ? c : null;
    }

    internal void Forget(EtnavivIommuContext ctx)
    {
        if (ctx is EtnavivIommuV2 v2)
            lock (_lock)
                _v2.Remove(v2.MtlbAddress);
    }

    public IReadOnlyList<EtnavivIommuContext> LiveContexts()
    {
        lock (_lock)
            return _v1 is null ? _v2.Values.ToList<EtnavivIommuContext>() : [_v1];
    }

    /// <summary>etnaviv_iommu_global_fini(): drops the MMUv1 context and the bad page. Contexts of clients go first.</summary>
    public void Free()
    {
        lock (_lock)
        {
            if (Freed)
                return;
            Freed = true;
        }
        _v1?.Put();
        if (Machine.Pages.IsCurrent(BadPage))
            Machine.Pages.Free(BadPage, "etnaviv_iommu_global_fini");
    }

    /// <summary>The known bug: page tables of every context and the bad page go while mappings still use them.</summary>
    internal void FreeUnderUsers()
    {
        foreach (var c in LiveContexts())
            c.FreeTablesUnderUsers();
        lock (_lock)
            Freed = true;
        if (Machine.Pages.IsCurrent(BadPage))
            Machine.Pages.Free(BadPage, "etnaviv_iommu_global_fini");
    }

    private const uint EtnavivStatesMask = Hw.EtnavivStates.MmuV2ConfigurationAddressMask;
}
