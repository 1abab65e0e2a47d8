using System.Text;
using Igt.Drivers.I915.Hw;

namespace Igt.Drivers.I915.Gt;

/// <summary>
/// i915_gpu_coredump: the error state captured at the first hang and kept until userspace clears it (a write to
/// /sys/class/drm/cardN/error or debugfs i915_error_state), in a readable subset of the real layout.
/// </summary>
public sealed class I915GpuError(I915Private i915)
{
    private readonly object _lock = new();
    private string? _first;

    /// <summary>The "GPU HANG: ecode ..." headline of the kept error, or null.</summary>
    public string? Headline { get; private set; }

    public string Read()
    {
        lock (_lock)
            return _first ?? "No error state collected\n";
    }

    public void Clear()
    {
        lock (_lock)
        {
            _first = null;
            Headline = null;
        }
    }

    /// <summary>i915_capture_error_state: keeps the dump unless one is already waiting to be read.</summary>
    public void Capture(string headline, I915Engine engine, I915Request rq, int resetCount)
    {
        var sb = new StringBuilder();
        sb.Append(headline).Append('\n');
        sb.Append($"Kernel: {i915.Machine.Version}.0-igt\n");
        sb.Append($"Driver: {I915Driver.DriverDate}\n");
        sb.Append($"Time: {i915.Machine.Dmesg.NowUs / 1_000_000} s {i915.Machine.Dmesg.NowUs % 1_000_000} us\n");
        sb.Append($"Active process (on ring {engine.Name}): {rq.Comm} [{rq.Pid}]\n");
        sb.Append($"Reset count: {resetCount}\n");
        sb.Append("Suspend count: 0\n");
        sb.Append($"Platform: {i915.Platform.Name}\n");
        sb.Append($"PCI ID: 0x{i915.Platform.PciId:x4}\n");
        sb.Append($"PCI Revision: 0x{i915.Platform.Revision:x2}\n");
        sb.Append($"GT awake: yes\n");
        sb.Append($"GTT size: {I915Ppgtt.Total} bytes\n");
        sb.Append($"{engine.Name} command stream:\n");
        sb.Append($"  IDLE?: no\n");
        sb.Append($"  START: 0x{I915Ppgtt.Decanonical(rq.BatchStart) >> 32:x8}_{I915Ppgtt.Decanonical(rq.BatchStart) & 0xffffffff:x8}\n");
        sb.Append($"  ACTHD: 0x{rq.Acthd >> 32:x8}_{rq.Acthd & 0xffffffff:x8}\n");
        sb.Append($"  IPEIR: 0x00000000\n");
        sb.Append($"  IPEHR: 0x{rq.Ipehr:x8}\n");
        sb.Append($"  INSTDONE: 0x{I915Hangcheck.InstDone:x8}\n");
        sb.Append($"  ESR: 0x{(rq.Stalled ? 1u : 0u):x8}\n");
        sb.Append($"  active context: {rq.Comm}[{rq.Pid}] prio 0\n");
        sb.Append($"  runtime: {(long)rq.Runtime.TotalMilliseconds} ms\n");
        sb.Append($"{engine.Name} --- batch = 0x{rq.BatchStart >> 32:x8}_{rq.BatchStart & 0xffffffff:x8}\n");
        var mem = new I915GpuMemory(i915.Machine.Pages, rq.Vm, engine.Name);
        for (var row = 0; row < 4; row++)
        {
            sb.Append($"{row * 16:x8} :");
            for (var i = 0; i < 4; i++)
                sb.Append($" {mem.ReadDword(rq.BatchStart + (ulong)(row * 16 + i * 4), "i915_gpu_coredump"):x8}");
            sb.Append('\n');
        }
        sb.Append("end of error state\n");
        lock (_lock)
        {
            if (_first is not null)
                return;
            _first = sb.ToString();
            Headline = headline;
        }
    }
}
