using Igt.Kernel.Mm;

namespace Igt.Drivers.Panfrost;

/// <summary>
/// panfrost_mmu_irq_handler_thread(): a GPU translation fault either grows a heap BO by 2 MiB (handled silently,
/// the access is retried) or is terminal: the driver prints "Unhandled Page fault ..." and disables the AS so the
/// jobs running in it die; the next job in that context re-enables it.
/// </summary>
public sealed class PanfrostMmuFaults(PanfrostDevice pfdev)
{
    /// <summary>AS_FAULTSTATUS access types.</summary>
    private const uint AccessRead = 2;
    private const uint AccessWrite = 3;

    private long _unhandled;

    /// <summary>Unhandled faults since boot (the fault log is dmesg; this is a quick counter for debugfs).</summary>
    public long Unhandled => Interlocked.Read(ref _unhandled);

    /// <summary>Handles a fault at <paramref name="va"/>; true when the access may be retried.</summary>
    public bool Handle(PanfrostMmu mmu, ulong va, int level, bool write, int js)
    {
        var asNr = mmu.As;
        if (pfdev.AddressSpaces.IsDisabled(mmu))
            return false; // interrupts of a faulty AS are masked until it is re-enabled

        var exceptionType = PanfrostException.TranslationFault0 + (uint)level;
        if (mmu.VaOwner(va) is PanfrostGemMapping mapping)
        {
            if (mapping.Obj.IsHeap)
            {
                if (mapping.GrowHeap(va) == 0)
                    return true;
            }
            else
            {
                // dev_WARN in panfrost_mmu_map_fault_addr: a fault inside a non-heap BO's range means the mapping
                // and the page tables disagree, a driver bug.
                pfdev.Machine.Report.Warn("panfrost_mmu_map_fault_addr",
                    $"{pfdev.Dev.Driver.Name} {pfdev.Dev.DevName}: matching BO is not heap type (GPU VA = {mapping.StartPage << PageAllocator.PageShift:x})");
            }
        }

        if (!pfdev.AddressSpaces.Disable(mmu))
            return false;
        Interlocked.Increment(ref _unhandled);
        var accessType = write ? AccessWrite : AccessRead;
        var sourceId = 0x100u | (uint)js;
        var status = exceptionType | (accessType << 8) | (sourceId << 16);
        pfdev.Dev.DevErrLines(
        [
            $"Unhandled Page fault in AS{asNr} at VA 0x{va:X16}",
            "Reason: TODO",
            $"raw fault status: 0x{status:X}",
            $"decoded fault status: {((status & (1u << 10)) != 0 ? "DECODER FAULT" : "SLAVE FAULT")}",
            $"exception type 0x{exceptionType:X}: {PanfrostException.Name(exceptionType)}",
            $"access type 0x{accessType:X}: {AccessTypeName(accessType)}",
            $"source id 0x{sourceId:X}",
        ]);
        return false;
    }

    private string AccessTypeName(uint accessType) => accessType switch
    {
        0 => pfdev.Model.Aarch64Mmu ? "ATOMIC" : "UNKNOWN",
        1 => "EXECUTE",
        2 => "READ",
        _ => "WRITE",
    };
}
