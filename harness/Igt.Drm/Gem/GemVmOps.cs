using Igt.Kernel.Process;

namespace Igt.Drm.Gem;

/// <summary>
/// drm_gem_shmem_vm_ops: a CPU fault maps the object's page at that offset, allocating it on first touch.
/// Purged objects and unplugged devices give SIGBUS. Each VMA holds a reference on the object.
/// </summary>
public class GemVmOps : IVmOperations
{
    public static readonly GemVmOps Instance = new();

    public virtual VmFault Fault(VmFaultContext vmf)
    {
        if (vmf.Vma.PrivateData is not GemObject obj)
            return VmFault.SigBus;
        if (!obj.Dev.Enter())
            return VmFault.SigBus;
        try
        {
            lock (obj.Lock)
            {
                if (obj.Purged || vmf.PgOff >= (ulong)obj.PageCount)
                    return VmFault.SigBus;
                var err = obj.GetPage((int)vmf.PgOff, out var page);
                if (err == -Igt.Kernel.Errno.ENOMEM)
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

    public virtual void Open(Vma vma) => (vma.PrivateData as GemObject)?.Get();

    public virtual void Close(Vma vma) => (vma.PrivateData as GemObject)?.Put();
}
