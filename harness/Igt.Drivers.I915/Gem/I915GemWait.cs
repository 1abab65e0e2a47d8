using System.Diagnostics;
using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Sync;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// GEM_WAIT and GEM_BUSY (i915_gem_wait.c, i915_gem_busy.c). GEM_WAIT's timeout is relative: &lt; 0 waits forever,
/// 0 polls, &gt; 0 waits and is written back with the time remaining, so a wait interrupted by a signal and
/// restarted (-ERESTARTSYS) continues with what is left. Still busy at the end: -ETIME with timeout_ns = 0.
/// </summary>
public static class I915GemWait
{
    /// <summary>One jiffy at HZ=250: the precision the write-back is rounded to.</summary>
    public const long JiffyNs = 4_000_000;

    public static int Wait(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemWait>(data);
        if (a.Flags != 0)
            return -Errno.EINVAL;
        var i915 = I915Private.From(dev);
        var obj = I915GemLookup.Lookup(file, a.BoHandle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            var start = Stopwatch.GetTimestamp();
            var timeout = a.TimeoutNs < 0 ? WaitQueue.Forever : a.TimeoutNs;
            var r = obj.Resv.Wait(DmaResvUsage.Read, interruptible: true, timeout);
            var ret = r > 0 ? 0 : r == 0 ? -Errno.ETIME : (int)r;
            if (a.TimeoutNs > 0 && !i915.Bug(I915KnownBugs.WaitTimeoutNotUpdated))
            {
                a.TimeoutNs -= (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;
                if (a.TimeoutNs < 0)
                    a.TimeoutNs = 0;
                // Less than a jiffy left counts as none; asked to wait beyond the precision: let userspace retry.
                if (ret == -Errno.ETIME && a.TimeoutNs < JiffyNs)
                    a.TimeoutNs = 0;
                if (ret == -Errno.ETIME && a.TimeoutNs != 0)
                    ret = -Errno.EAGAIN;
            }
            return ret;
        }
        finally
        {
            obj.Put();
        }
    }

    public static int Busy(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915GemBusy>(data);
        var obj = I915GemLookup.Lookup(file, a.Handle);
        if (obj is null)
            return -Errno.ENOENT;
        try
        {
            a.Busy = BusyFlags(obj);
            return 0;
        }
        finally
        {
            obj.Put();
        }
    }

    /// <summary>Writers report their class + 1 in the low half and, like readers, their class bit in the high half.</summary>
    public static uint BusyFlags(I915GemObject obj)
    {
        uint busy = 0;
        var writers = obj.Resv.GetFences(DmaResvUsage.Write);
        foreach (var f in obj.Resv.GetFences(DmaResvUsage.Read))
        {
            if (f is not I915Fence rf || f.IsSignaled)
                continue;
            var cls = rf.Engine.UabiClass;
            busy |= 0x10000u << cls;
            if (writers.Contains(f))
                busy |= (uint)(cls + 1);
        }
        return busy;
    }
}
