using Igt.Drivers.I915.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915;

/// <summary>GETPARAM (i915_getparam.c): answers the params tests query; the value is an int written to user memory.</summary>
public static class I915GetParam
{
    public static int Ioctl(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmI915Getparam>(data);
        var i915 = I915Private.From(dev);
        int? value = a.Param switch
        {
            I915Param.ChipsetId => i915.Platform.PciId,
            I915Param.Revision => i915.Platform.Revision,
            I915Param.HasGem or I915Param.HasExecbuf2 or I915Param.HasBlt or I915Param.HasLlc => 1,
            I915Param.HasBsd or I915Param.HasVebox or I915Param.HasWt => 0,
            I915Param.NumFencesAvail => 32,
            I915Param.HasAliasingPpgtt => 2, // INTEL_PPGTT_FULL
            I915Param.HasWaitTimeout or I915Param.HasExecNoReloc or I915Param.HasExecHandleLut => 1,
            I915Param.HasExecSoftpin or I915Param.HasExecFence or I915Param.HasExecBatchFirst => 1,
            I915Param.HasExecFenceArray or I915Param.HasContextIsolation => 1,
            I915Param.HasExecCapture => 1,
            I915Param.MmapVersion => i915.Platform.HasLegacyMmap ? 1 : 0,
            I915Param.MmapGttVersion => 4,
            I915Param.HasScheduler => 1, // I915_SCHEDULER_CAP_ENABLED
            I915Param.CsTimestampFrequency => 12_000_000,
            I915Param.HasUserptrProbe when i915.HasUserptrProbe => 1,
            _ => null,
        };
        if (value is null)
            return -Errno.EINVAL;
        var task = TaskStruct.Current ?? file.Owner;
        return task.Mm.CopyToUser(a.Value, BitConverter.GetBytes(value.Value)) == 0 ? 0 : -Errno.EFAULT;
    }
}
