using System.Runtime.InteropServices;
using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Fences;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// GEM_EXECBUFFER2 / _WR (i915_gem_execbuffer.c). Argument checks (i915_gem_check_execbuffer), context and
/// engine selection, object lookup and validation (eb_lookup_vmas / eb_validate_vma), userptr page acquisition,
/// ring throttling, reservation in the ppGTT (softpin, or the current / a new location), relocations, and then,
/// under the userptr notifier lock, request construction with implicit-sync dependencies. Everything that can
/// fail or be interrupted happens before the request is queued; afterwards only success is reported.
/// </summary>
public static class I915GemExecbuffer
{
    private static readonly int ExecObjectSize = UapiStruct.SizeOf<DrmI915GemExecObject2>();

    /// <summary>I915_EXEC_CONSTANTS_MASK and RESOURCE_STREAMER are no longer accepted.</summary>
    private const ulong IllegalFlags = I915ExecFlags.UnknownFlags | I915ExecFlags.ConstantsMask | I915ExecFlags.ResourceStreamer;

    public static int Ioctl(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var args = ref UapiStruct.As<DrmI915GemExecbuffer2>(data);
        var i915 = I915Private.From(dev);
        var task = TaskStruct.Current ?? file.Owner;
        if (args.BufferCount < 1 || args.BufferCount > int.MaxValue / ExecObjectSize)
            return -Errno.EINVAL;
        if ((args.Flags & IllegalFlags) != 0)
            return -Errno.EINVAL;
        if ((args.Flags & (I915ExecFlags.FenceArray | I915ExecFlags.UseExtensions)) == 0 && (args.NumCliprects != 0 || args.CliprectsPtr != 0))
            return -Errno.EINVAL;
        if (args.DR4 == 0xffffffff)
            args.DR4 = 0; // UXA submitting garbage DR4, fixed up
        if (args.DR1 != 0 || args.DR4 != 0)
            return -Errno.EINVAL;
        if (((args.BatchStartOffset | args.BatchLen) & 7) != 0)
            return -Errno.EINVAL;

        var raw = new byte[(int)args.BufferCount * ExecObjectSize];
        if (task.Mm.CopyFromUser(raw, args.BuffersPtr) != 0)
            return -Errno.EFAULT;
        var entries = MemoryMarshal.Cast<byte, DrmI915GemExecObject2>(raw).ToArray();

        var eb = new I915Execbuffer(i915, file, (I915FilePrivate)file.DriverPriv!, task, args, entries);
        var err = eb.Execute();
        args.Rsvd2 = eb.Rsvd2;
        return err;
    }
}
