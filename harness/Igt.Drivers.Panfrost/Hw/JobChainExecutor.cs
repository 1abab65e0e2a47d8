using System.Buffers.Binary;
using Igt.Kernel.Sync;

namespace Igt.Drivers.Panfrost.Hw;

/// <summary>
/// The job manager front end of one slot: walks a job chain through the GPU page tables, one descriptor at a time.
/// Executes NULL, CACHE_FLUSH and WRITE_VALUE jobs, honours job_index dependencies inside the chain (a job whose
/// dependencies have not completed waits; if they never do, the chain hangs until the scheduler's timeout), writes
/// DONE into each header, follows next_job, and charges a cost per job so a looping chain keeps the slot busy.
/// Any access the MMU refuses ends the chain with the fault the MMU reported.
/// </summary>
internal sealed class JobChainExecutor(int js, TimeSpan jobCost, Func<JobStopRequest> stopRequested)
{
    private const long SleepQuantumNs = 1_000_000;
    private long _debtNs;

    public JobResult Run(HwJob job)
    {
        var completed = new HashSet<ushort>();
        var deferred = new List<(ulong Va, Header H)>();
        var va = job.Jc;
        job.Tail = va;
        Span<byte> header = stackalloc byte[JobDescriptor.HeaderSize];
        while (true)
        {
            var stop = stopRequested();
            if (stop != JobStopRequest.None)
                return Stopped(job, stop, va);
            if (va == 0)
            {
                if (deferred.Count == 0)
                    return new JobResult(PanfrostException.Done, job.Head, job.Tail);
                // Dependencies that can never be met: the slot stays busy until someone stops it.
                Thread.Sleep(1);
                job.Charge(SleepQuantumNs);
                continue;
            }
            job.Head = va;
            var status = job.Mmu.Access(va, header, write: false, js);
            if (status != 0)
                return new JobResult(status, va, job.Tail);
            var h = Header.Parse(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0)
                return Fail(job, va, PanfrostException.DataInvalidFault);
            if (!h.DependenciesMet(completed))
            {
                deferred.Add((va, h));
                va = h.Next;
                continue;
            }
            status = Execute(job, va, h, completed);
            if (status != 0)
                return status == PanfrostException.JobBusFault ? new JobResult(status, va, job.Tail) : Fail(job, va, status);
            // Jobs that waited on this one can run now.
            for (var progress = true; progress;)
            {
                progress = false;
                foreach (var d in deferred.Where(d => d.H.DependenciesMet(completed)).ToList())
                {
                    deferred.Remove(d);
                    status = Execute(job, d.Va, d.H, completed);
                    if (status != 0)
                        return status == PanfrostException.JobBusFault ? new JobResult(status, d.Va, job.Tail) : Fail(job, d.Va, status);
                    progress = true;
                }
            }
            va = h.Next;
        }
    }

    private uint Execute(HwJob job, ulong va, Header h, HashSet<ushort> completed)
    {
        job.Head = va;
        var status = h.Type switch
        {
            JobDescriptor.TypeNull or JobDescriptor.TypeCacheFlush => 0u,
            JobDescriptor.TypeWriteValue => WriteValue(job, va),
            // Shader-driven job types (compute, vertex, tiler, fragment) are not emulated.
            _ => PanfrostException.JobConfigFault,
        };
        if (status != 0)
            return status;
        Span<byte> done = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(done, PanfrostException.Done);
        status = job.Mmu.Access(va + JobDescriptor.ExceptionStatus, done, write: true, js);
        if (status != 0)
            return status;
        completed.Add(h.Index);
        job.Tail = va;
        Charge(job);
        return 0;
    }

    private uint WriteValue(HwJob job, ulong va)
    {
        Span<byte> payload = stackalloc byte[JobDescriptor.WriteValueSize - JobDescriptor.HeaderSize];
        var status = job.Mmu.Access(va + JobDescriptor.WriteValueAddress, payload, write: false, js);
        if (status != 0)
            return status;
        var address = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        var type = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        var reserved = BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]);
        var immediate = BinaryPrimitives.ReadUInt64LittleEndian(payload[16..]);
        if (reserved != 0)
            return PanfrostException.JobConfigFault;
        ulong value;
        int size;
        switch (type)
        {
            case JobDescriptor.WriteCycleCounter:
                (value, size) = ((ulong)KernelTime.MonotonicNs, 8);
                break;
            case JobDescriptor.WriteSystemTimestamp:
                (value, size) = ((ulong)(KernelTime.MonotonicNs / 1000 * 24), 8); // 24 MHz arch timer
                break;
            case JobDescriptor.WriteZero:
                (value, size) = (0, 8);
                break;
            case JobDescriptor.WriteImmediate8:
                (value, size) = (immediate, 1);
                break;
            case JobDescriptor.WriteImmediate16:
                (value, size) = (immediate, 2);
                break;
            case JobDescriptor.WriteImmediate32:
                (value, size) = (immediate, 4);
                break;
            case JobDescriptor.WriteImmediate64:
                (value, size) = (immediate, 8);
                break;
            default:
                return PanfrostException.JobConfigFault;
        }
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return job.Mmu.Access(address, bytes[..size], write: true, js);
    }

    /// <summary>A fault the job manager itself detects (not an MMU fault): it records the code in the header.</summary>
    private JobResult Fail(HwJob job, ulong va, uint code)
    {
        Span<byte> st = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(st, code);
        job.Mmu.Access(va + JobDescriptor.ExceptionStatus, st, write: true, js);
        return new JobResult(code, va, job.Tail);
    }

    private static JobResult Stopped(HwJob job, JobStopRequest stop, ulong va) =>
        stop == JobStopRequest.SoftStop
            ? new JobResult(PanfrostException.Stopped, va, va)
            : new JobResult(PanfrostException.Terminated, va, job.Tail);

    /// <summary>Job cost: accumulated and slept off in 1 ms quanta, so long chains take time without burning a core.</summary>
    private void Charge(HwJob job)
    {
        var ns = jobCost.Ticks * 100;
        job.Charge(ns);
        _debtNs += ns;
        if (_debtNs < SleepQuantumNs)
            return;
        _debtNs -= SleepQuantumNs;
        Thread.Sleep(1);
    }

    /// <summary>The decoded fields of a descriptor header.</summary>
    private readonly record struct Header(uint Type, ushort Index, ushort Dep1, ushort Dep2, ulong Next)
    {
        public static Header Parse(ReadOnlySpan<byte> h)
        {
            var is64 = (h[JobDescriptor.TypeByte] & 1) != 0;
            return new Header(
                (uint)(h[JobDescriptor.TypeByte] >> 1),
                BinaryPrimitives.ReadUInt16LittleEndian(h[JobDescriptor.JobIndex..]),
                BinaryPrimitives.ReadUInt16LittleEndian(h[JobDescriptor.Dependency1..]),
                BinaryPrimitives.ReadUInt16LittleEndian(h[JobDescriptor.Dependency2..]),
                is64 ? BinaryPrimitives.ReadUInt64LittleEndian(h[JobDescriptor.NextJob..])
                     : BinaryPrimitives.ReadUInt32LittleEndian(h[JobDescriptor.NextJob..]));
        }

        public bool DependenciesMet(HashSet<ushort> completed) =>
            (Dep1 == 0 || completed.Contains(Dep1)) && (Dep2 == 0 || completed.Contains(Dep2));
    }
}
