namespace Igt.Drivers.Etnaviv;

/// <summary>enum etnaviv_iommu_version: the GPU generation's MMU.</summary>
public enum EtnavivIommuVersion
{
    /// <summary>MMUv1: one flat page table for a 2 GiB window shared by all clients; the kernel validates streams.</summary>
    V1 = 1,
    /// <summary>MMUv2: two-level page tables, one address space per client; no stream validation.</summary>
    V2 = 2,
}
