using System.Diagnostics;
using Igt.Drivers.I915.Gem;
using Igt.Drivers.I915.Hw;
using Igt.Drm.Fences;

namespace Igt.Drivers.I915.Gt;

/// <summary>
/// i915_request: one batch on one engine for one context. Holds a reference on the address space and on every
/// object of the execbuf until it retires; its fence is what the objects' reservation objects carry.
/// </summary>
public sealed class I915Request
{
    public I915Request(I915Engine engine, I915GemContext ctx, ulong batchStart, DmaFence fence, string comm, int pid)
    {
        Engine = engine;
        Context = ctx;
        Vm = ctx.Vm;
        BatchStart = batchStart;
        Fence = fence;
        Comm = comm;
        Pid = pid;
        Vm.Get();
    }

    public I915Engine Engine { get; }

    public I915GemContext Context { get; }

    public I915Ppgtt Vm { get; }

    /// <summary>GPU VA of the first command (batch VA + batch_start_offset).</summary>
    public ulong BatchStart { get; }

    public DmaFence Fence { get; }

    public string Comm { get; }

    public int Pid { get; }

    /// <summary>Fences that must signal before the batch may run (implicit sync, FENCE_IN).</summary>
    public List<DmaFence> Dependencies { get; } = new();

    /// <summary>References held until retirement.</summary>
    public List<I915GemObject> Objects { get; } = new();

    /// <summary>When the batch started executing (Stopwatch ticks), for hangcheck.</summary>
    public long StartedTicks { get; set; }

    public TimeSpan Runtime => StartedTicks == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(StartedTicks);

    /// <summary>Last command fetched (ACTHD / IPEHR for the error state).</summary>
    public ulong Acthd { get; set; }

    public uint Ipehr { get; set; }

    /// <summary>The parser stopped on a command it cannot execute.</summary>
    public bool Stalled { get; set; }

    public I915BatchResult? Result { get; set; }

    /// <summary>Drops the references (i915_request_retire).</summary>
    public void Retire()
    {
        foreach (var o in Objects)
            o.Put();
        Objects.Clear();
        Context.Retired(this);
        Vm.Put();
    }

    public override string ToString() => $"{Engine.Name}:{Fence.Context}:{Fence.Seqno} {Comm}[{Pid}] batch=0x{BatchStart:x}";
}
