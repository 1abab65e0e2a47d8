using System.Globalization;
using System.Text;
using Igt.Drivers.I915.Gem;
using Igt.Drm;
using Igt.Kernel;

namespace Igt.Drivers.I915;

/// <summary>
/// The debugfs and sysfs files tests use: debugfs i915_error_state, i915_drop_caches, i915_gem_objects,
/// i915_engine_info, i915_capabilities; sysfs cardN/error, cardN/engine/*/heartbeat_interval_ms and the
/// enable_hangcheck module parameter.
/// </summary>
public static class I915Debugfs
{
    // i915_drop_caches flags (igt_debugfs.h DROP_*).
    public const int DropUnbound = 0x1;
    public const int DropBound = 0x2;
    public const int DropRetire = 0x4;
    public const int DropActive = 0x8;
    public const int DropFreed = 0x10;
    public const int DropShrinkAll = 0x20;
    public const int DropIdle = 0x40;
    public const int DropAll = 0x3ff;

    public static void Register(I915Private i915, KernelFsDir dir)
    {
        dir.Add("i915_error_state", i915.GpuError.Read, _ => ClearError(i915));
        dir.Add("i915_drop_caches", () => $"0x{DropAll:x8}\n", text => DropCaches(i915, text));
        dir.Add("i915_gem_objects", () => Objects(i915));
        dir.Add("i915_engine_info", () => EngineInfo(i915));
        dir.Add("i915_capabilities", () => Capabilities(i915));

        var fs = i915.Machine.KernelFs;
        var card = $"/sys/class/drm/card{i915.Drm.Index}";
        fs.Register($"{card}/error", i915.GpuError.Read, _ => ClearError(i915));
        foreach (var e in i915.Engines)
        {
            var engine = e;
            fs.Register($"{card}/engine/{engine.Name}/heartbeat_interval_ms", () => $"{engine.HeartbeatIntervalMs}\n", text =>
            {
                if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || ms < 0)
                    return -Errno.EINVAL;
                engine.HeartbeatIntervalMs = ms;
                return 0;
            });
        }
        fs.Register("/sys/module/i915/parameters/enable_hangcheck", () => i915.Hangcheck.Enabled ? "Y\n" : "N\n", text =>
        {
            var t = text.Trim();
            if (t is "1" or "Y" or "y")
                i915.Hangcheck.Enabled = true;
            else if (t is "0" or "N" or "n")
                i915.Hangcheck.Enabled = false;
            else
                return -Errno.EINVAL;
            return 0;
        });
    }

    public static void Unregister(I915Private i915)
    {
        var fs = i915.Machine.KernelFs;
        fs.UnregisterTree($"/sys/class/drm/card{i915.Drm.Index}/engine/");
        fs.Unregister($"/sys/class/drm/card{i915.Drm.Index}/error");
    }

    private static int ClearError(I915Private i915)
    {
        i915.GpuError.Clear();
        return 0;
    }

    /// <summary>i915_drop_caches_set: wait for idle when asked, then shrink everything that can be.</summary>
    private static int DropCaches(I915Private i915, string text)
    {
        var t = text.Trim();
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(t[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
            : long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out flags);
        if (!ok)
            return -Errno.EINVAL;
        if ((flags & (DropActive | DropIdle)) != 0)
        {
            foreach (var obj in i915.Drm.LiveObjects().OfType<I915GemObject>())
            {
                var w = obj.WaitIdle(interruptible: true);
                if (w < 0)
                    return (int)w;
            }
        }
        if ((flags & (DropBound | DropUnbound | DropShrinkAll)) != 0)
        {
            i915.Shrinker.ReleaseUserptrs(long.MaxValue, out _);
            i915.Shrinker.Shrink(long.MaxValue, out _);
        }
        return 0;
    }

    private static string Objects(I915Private i915)
    {
        var objs = i915.Drm.LiveObjects().OfType<I915GemObject>().ToList();
        var sb = new StringBuilder();
        sb.Append($"{objs.Count} objects, {objs.Sum(o => (long)o.Size)} bytes\n");
        sb.Append($"{objs.Count(o => o.IsIdle && !o.HasPinnedVma && o.HasShmem)} shrinkable objects, {objs.Count(o => o.Madv > 0)} purgeable, {objs.Count(o => o.Purged)} purged\n");
        return sb.ToString();
    }

    private static string EngineInfo(I915Private i915)
    {
        var sb = new StringBuilder();
        foreach (var e in i915.Engines)
        {
            sb.Append($"{e.Name}\n");
            sb.Append($"\tHeartbeat: {e.HeartbeatIntervalMs} ms\n");
            sb.Append($"\tRequests: {e.QueuedCount}\n");
            if (e.Active is { } rq)
                sb.Append($"\tActive: {rq} runtime {(long)rq.Runtime.TotalMilliseconds} ms\n");
        }
        sb.Append($"Reset count: {i915.Hangcheck.ResetCount}\n");
        return sb.ToString();
    }

    private static string Capabilities(I915Private i915) =>
        $"gen: {i915.Platform.GraphicsVersion}\nplatform: {i915.Platform.Name}\npci-id: 0x{i915.Platform.PciId:x4}\n" +
        $"has_llc: yes\nhas_snoop: yes\nhas_read_only_ptes: {(i915.Platform.HasReadOnlyPtes ? "yes" : "no")}\n";
}
