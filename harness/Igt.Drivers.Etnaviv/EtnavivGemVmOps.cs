using Igt.Drm.Gem;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.Etnaviv;

/// <summary>
/// etnaviv_gem_fault(): a CPU fault maps the one page it touched, allocating only that page. With the
/// EagerPageAllocation bug the first fault allocates every page of the BO, as the 2015 driver did.
/// </summary>
public sealed class EtnavivGemVmOps : GemVmOps
{
    public static new readonly EtnavivGemVmOps Instance = new();

    public override VmFault Fault(VmFaultContext vmf)
    {
        if (vmf.Vma.PrivateData is not EtnavivGem obj)
            return VmFault.SigBus;
        if (!obj.Dev.Enter())
            return VmFault.SigBus;
        try
        {
            lock (obj.Lock)
            {
                if (obj.Purged || vmf.PgOff >= (ulong)obj.PageCount)
                    return VmFault.SigBus;
                if (obj.Priv.Bugs.EagerPageAllocation)
                {
                    for (var i = 0; i < obj.PageCount; i++)
                    {
                        var e = obj.GetPage(i, out _);
                        if (e != 0)
                            return e == -Errno.ENOMEM ? VmFault.Oom : VmFault.SigBus;
                    }
                }
                var err = obj.GetPage((int)vmf.PgOff, out var page);
                if (err == -Errno.ENOMEM)
                    return VmFault.Oom;
                if (err != 0)
                    return VmFault.SigBus;
                vmf.InsertPage(page, writable: true);
                return VmFault.NoPage;
            }
        }
        finally
        {
            obj.Dev.Exit();
        }
    }
}
