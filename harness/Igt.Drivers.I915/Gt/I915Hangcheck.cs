using Igt.Drivers.I915.Hw;
using Igt.Kernel.Printk;

namespace Igt.Drivers.I915.Gt;

/// <summary>
/// Hang detection and engine reset (intel_engine_heartbeat.c, intel_reset.c, i915_gpu_error.c). A request that
/// runs past its engine's heartbeat_interval_ms is declared hung: the error state is captured, dmesg gets the
/// real message shapes ("GPU HANG: ecode gen:engines:ecode, in comm [pid]", the one-time advisory, "Resetting
/// rcs0 for stopped heartbeat on rcs0", "comm[pid] context reset due to GPU hang") and the request's fence
/// signals with -EIO. enable_hangcheck=0 disables detection (a spinner then runs until it is ended).
/// </summary>
public sealed class I915Hangcheck(I915Private i915)
{
    /// <summary>Default heartbeat (real i915: 2.5 s): short enough for CI, long enough for the suite's spinners.</summary>
    public const long DefaultHeartbeatIntervalMs = 2000;

    /// <summary>The INSTDONE value reported for a stuck render engine (ecode = IPEHR ^ INSTDONE).</summary>
    public const uint InstDone = 0xffffffff;

    private int _resetCount;
    private int _warned;

    /// <summary>i915.enable_hangcheck module parameter.</summary>
    public bool Enabled { get; set; } = true;

    public int ResetCount => Volatile.Read(ref _resetCount);

    /// <summary>intel_gt_handle_error for a stopped heartbeat on <paramref name="engine"/>, blaming <paramref name="rq"/>.</summary>
    public void Reset(I915Engine engine, I915Request rq)
    {
        var count = Interlocked.Increment(ref _resetCount);
        var engineMask = 1u << engine.UabiClass;
        var ecode = rq.Ipehr ^ InstDone;
        var headline = $"GPU HANG: ecode {i915.Platform.GraphicsVersion}:{engineMask:x}:{ecode:x8}, in {rq.Comm} [{rq.Pid}]";
        i915.GpuError.Capture(headline, engine, rq, count);
        var dev = i915.Drm;
        dev.DevInfo($"[drm] {headline}");
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            var dmesg = i915.Machine.Dmesg;
            dmesg.PrintkLines(LogLevel.Info, new[]
            {
                "GPU hangs can indicate a bug anywhere in the entire gfx stack, including userspace.",
                "Please file a _new_ bug report at https://gitlab.freedesktop.org/drm/intel/issues/new.",
                "Please see https://drm.pages.freedesktop.org/intel-docs/how-to-file-i915-bugs.html for details.",
                "drm/i915 developers can then reassign to the right component if it's not a kernel issue.",
                "The GPU crash dump is required to analyze GPU hangs, so please always attach it.",
                $"GPU crash dump saved to /sys/class/drm/card{dev.Index}/error",
            });
        }
        i915.Machine.Dmesg.Printk(LogLevel.Notice, $"i915 {dev.DevName}: [drm] Resetting {engine.Name} for stopped heartbeat on {engine.Name}");
        i915.Machine.Dmesg.Printk(LogLevel.Notice, $"i915 {dev.DevName}: [drm] {rq.Comm}[{rq.Pid}] context reset due to GPU hang");
    }
}
