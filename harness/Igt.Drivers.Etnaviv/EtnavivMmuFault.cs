namespace Igt.Drivers.Etnaviv;

/// <summary>
/// The 4-bit exception code an MMUv2 reports per MMU (VIVS_MMUv2_STATUS); dump_mmu_fault() names code n by
/// fault_reasons[n - 1].
/// </summary>
public enum EtnavivMmuFault
{
    None = 0,
    SlaveNotPresent = 1,
    PageNotPresent = 2,
    WriteViolation = 3,
    OutOfBounds = 4,
}
