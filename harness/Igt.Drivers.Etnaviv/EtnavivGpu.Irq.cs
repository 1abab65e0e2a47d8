using Igt.Drivers.Etnaviv.Hw;

namespace Igt.Drivers.Etnaviv;

/// <summary>What the front end reports: job starts, event interrupts, MMU exceptions and bus errors (etnaviv_gpu_irq).</summary>
public sealed partial class EtnavivGpu
{
    /// <summary>The front end followed a LINK to <paramref name="address"/>: the job starting there, if any.</summary>
    internal EtnavivGemSubmit? TakeJobAt(uint address)
    {
        lock (_eventLock)
            return _jobStarts.Remove(address, out var s) ? s : null;
    }

    /// <summary>The front end enters a job's commands: fault-injected stalls and PRE perfmon samples happen here.</summary>
    internal void OnJobStart(EtnavivGemSubmit submit)
    {
        Priv.Machine.Faults.MaybeDelay(FrontEndSite);
        submit.ProcessPerfmon(Uapi.EtnavivIoctls.PmProcessPre, Fe.Commands);
    }

    /// <summary>The interrupt handler for an event: the job behind it is done.</summary>
    internal void OnEventIrq(int ev)
    {
        EtnavivGemSubmit? submit;
        lock (_eventLock)
        {
            submit = (uint)ev < NrEvents ? _events[ev] : null;
            if (submit is null)
                return;
            _events[ev] = null;
            _inflight.Remove(submit);
            _jobStarts.Remove(submit.StreamVa);
        }
        submit.ProcessPerfmon(Uapi.EtnavivIoctls.PmProcessPost, Fe.Commands);
        var seq = (long)submit.HwFence!.Seqno;
        long cur;
        while ((cur = Interlocked.Read(ref _completedFence)) < seq && Interlocked.CompareExchange(ref _completedFence, seq, cur) != cur)
        {
        }
        _eventFree.WakeUpAll();
        submit.HwFence.Signal();
    }

    /// <summary>The MMU exception or AXI error interrupt: dump_mmu_fault(), and the GPU is in FAULT until recovered.</summary>
    internal void OnFaultIrq(EtnavivBusFault fault)
    {
        if (fault.Axi)
        {
            DevErr("AXI bus error");
        }
        else
        {
            var code = (uint)fault.Mmu;
            DevErr($"MMU fault status 0x{code:x8}");
            DevErr($"MMU 0 fault ({FaultReason(code)}) addr 0x{fault.Address:x8}");
        }
        State = EtnavivGpuState.Fault;
    }

    private static string FaultReason(uint status) => (status - 1) switch
    {
        0 => "slave not present",
        1 => "page not present",
        2 => "write violation",
        3 => "out of bounds",
        4 => "read security violation",
        5 => "write security violation",
        _ => "unknown",
    };
}
