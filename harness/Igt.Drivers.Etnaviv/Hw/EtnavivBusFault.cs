namespace Igt.Drivers.Etnaviv.Hw;

/// <summary>What went wrong with one GPU memory access: an MMU exception (with its code) or an AXI bus error.</summary>
public readonly record struct EtnavivBusFault(EtnavivMmuFault Mmu, bool Axi, uint Address)
{
    public static readonly EtnavivBusFault None = default;

    public bool IsFault => Mmu != EtnavivMmuFault.None || Axi;
}
