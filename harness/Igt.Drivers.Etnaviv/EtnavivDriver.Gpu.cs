using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Drm.Uapi;
using Igt.Kernel;

namespace Igt.Drivers.Etnaviv;

/// <summary>GET_PARAM, WAIT_FENCE, PM_QUERY_DOM, PM_QUERY_SIG.</summary>
public sealed partial class EtnavivDriver
{
    private static int GetParam(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivParam>(data);
        var err = GpuOf(dev, a.Pipe, out var gpu);
        if (err != 0)
            return err;
        return gpu!.GetParam(a.Param, out a.Value);
    }

    private static int WaitFence(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivWaitFence>(data);
        if ((a.Flags & ~EtnavivIoctls.WaitNonblock) != 0)
            return -Errno.EINVAL;
        var err = GpuOf(dev, a.Pipe, out var gpu);
        if (err != 0)
            return err;
        // etnaviv_gpu_wait_fence_interruptible(): unknown or retired ids are done.
        var fence = gpu!.LookupFence(a.Fence);
        if (fence is null)
            return 0;
        if ((a.Flags & EtnavivIoctls.WaitNonblock) != 0)
            return fence.IsSignaled ? 0 : -Errno.EBUSY;
        var r = fence.Wait(interruptible: true, TimeoutToNs(a.Timeout));
        return r == 0 ? -Errno.ETIMEDOUT : r == -Errno.ERESTARTSYS ? (int)r : 0;
    }

    /// <summary>etnaviv_pm_query_dom(): iterates the domains; iter becomes 0xff after the last.</summary>
    private static int PmQueryDom(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivPmDomain>(data);
        var err = GpuOf(dev, a.Pipe, out var gpu);
        if (err != 0)
            return err;
        var doms = EtnavivPerfmon.DomainsOf(gpu!.Identity);
        if (a.Iter >= doms.Count)
            return -Errno.EINVAL;
        var dom = doms[a.Iter];
        a.Id = a.Iter;
        a.NrSignals = (ushort)dom.Signals.Length;
        a.SetName(dom.Name);
        a.Iter++;
        if (a.Iter == doms.Count)
            a.Iter = 0xff;
        return 0;
    }

    /// <summary>etnaviv_pm_query_sig(): iterates a domain's signals; iter becomes 0xffff after the last.</summary>
    private static int PmQuerySig(DrmDevice dev, Span<byte> data, DrmFile file)
    {
        ref var a = ref UapiStruct.As<DrmEtnavivPmSignal>(data);
        var err = GpuOf(dev, a.Pipe, out var gpu);
        if (err != 0)
            return err;
        var doms = EtnavivPerfmon.DomainsOf(gpu!.Identity);
        if (a.Domain >= doms.Count)
            return -Errno.EINVAL;
        var dom = doms[a.Domain];
        if (a.Iter >= dom.Signals.Length)
            return -Errno.EINVAL;
        a.Id = a.Iter;
        a.SetName(dom.Signals[a.Iter]);
        a.Iter++;
        if (a.Iter == dom.Signals.Length)
            a.Iter = 0xffff;
        return 0;
    }
}
