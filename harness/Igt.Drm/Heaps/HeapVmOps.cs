using Igt.Kernel.Process;

namespace Igt.Drm.Heaps;

/// <summary>The heap buffers' vm ops: a fault maps the buffer's page; each VMA holds a reference on the buffer.</summary>
public sealed class HeapVmOps : IVmOperations
{
    public static readonly HeapVmOps Instance = new();

    public VmFault Fault(VmFaultContext vmf)
    {
        if (vmf.Vma.PrivateData is not HeapBuffer buf)
            return VmFault.SigBus;
        var page = buf.PeekPage((int)vmf.PgOff);
        if (page.IsNone)
            return VmFault.SigBus;
        vmf.InsertPage(page, writable: true);
        return VmFault.NoPage;
    }

    public void Open(Igt.Kernel.Process.Vma vma) => (vma.PrivateData as HeapBuffer)?.Get();

    public void Close(Igt.Kernel.Process.Vma vma) => (vma.PrivateData as HeapBuffer)?.Put();
}
