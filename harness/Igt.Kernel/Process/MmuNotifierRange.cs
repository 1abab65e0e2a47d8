namespace Igt.Kernel.Process;

/// <summary>struct mmu_notifier_range: [Start, End) of <see cref="Mm"/> is about to change.</summary>
public sealed record MmuNotifierRange(MmStruct Mm, ulong Start, ulong End, MmuNotifierEvent Event, bool Blockable = true);
