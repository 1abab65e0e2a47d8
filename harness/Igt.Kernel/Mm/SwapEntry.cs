namespace Igt.Kernel.Mm;

/// <summary>A slot in the swap area holding a swapped-out page. Slot 0 is never used, so default means "none".</summary>
public readonly record struct SwapEntry(int Slot)
{
    public static readonly SwapEntry None = default;

    public bool IsNone => Slot == 0;
}
