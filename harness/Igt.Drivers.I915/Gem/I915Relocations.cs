using System.Runtime.InteropServices;
using Igt.Drivers.I915.Gt;
using Igt.Drivers.I915.Uapi;
using Igt.Drm.Uapi;
using Igt.Kernel;
using Igt.Kernel.Process;

namespace Igt.Drivers.I915.Gem;

/// <summary>
/// eb_relocate_vma: writes the final GPU address of each relocation target into the object (64-bit on gen8+),
/// unless the entry's presumed_offset is already right, and writes the new presumed_offset back to userspace.
/// Checks in the kernel's order: target lookup (-ENOENT), write domain with more than one bit or domains outside
/// the GPU's (-EINVAL), then offset beyond the object or unaligned (-EINVAL). A write domain makes the target a
/// writer for implicit sync.
/// </summary>
internal static class I915Relocations
{
    private static readonly int EntrySize = UapiStruct.SizeOf<DrmI915GemRelocationEntry>();

    public static int Relocate(TaskStruct task, I915ExecVma ev, IReadOnlyList<I915ExecVma> all, bool handleLut)
    {
        var count = (int)ev.Entry.RelocationCount;
        if (count == 0)
            return 0;
        if ((ulong)count > int.MaxValue / (ulong)EntrySize)
            return -Errno.EINVAL;
        var raw = new byte[count * EntrySize];
        if (task.Mm.CopyFromUser(raw, ev.Entry.RelocsPtr) != 0)
            return -Errno.EFAULT;
        var relocs = MemoryMarshal.Cast<byte, DrmI915GemRelocationEntry>(raw.AsSpan());
        Span<byte> value = stackalloc byte[8];
        for (var i = 0; i < relocs.Length; i++)
        {
            ref var r = ref relocs[i];
            var handle = r.TargetHandle;
            I915ExecVma? target;
            if (handleLut)
                target = handle < all.Count ? all[(int)handle] : null;
            else
                target = all.FirstOrDefault(e => e.Entry.Handle == handle);
            if (target?.Vma is null)
                return -Errno.ENOENT;
            if ((r.WriteDomain & (r.WriteDomain - 1)) != 0)
                return -Errno.EINVAL;
            if (((r.ReadDomains | r.WriteDomain) & ~I915GemDomain.GpuDomains) != 0)
                return -Errno.EINVAL;
            if (r.WriteDomain != 0)
                target.Flags |= ExecObjectFlags.Write;

            var targetOffset = I915Ppgtt.Canonical(target.Vma.Start);
            if (r.PresumedOffset == targetOffset)
                continue;
            if (r.Offset > ev.Vma!.Size - 8 || (r.Offset & 3) != 0)
                return -Errno.EINVAL;

            // The object may still be read by the GPU: relocating under it needs it idle.
            var w = ev.Obj.WaitIdle(interruptible: true);
            if (w != 0)
                return (int)w;
            var addr = I915Ppgtt.Canonical(target.Vma.Start + (ulong)(long)(int)r.Delta);
            BitConverter.TryWriteBytes(value, addr);
            var err = ev.Obj.WriteKernel(r.Offset, value, "eb_relocate_entry");
            if (err != 0)
                return err;
            r.PresumedOffset = targetOffset;
            // Errors writing the hint back are ignored, as the kernel does.
            task.Mm.CopyToUser(ev.Entry.RelocsPtr + (ulong)(i * EntrySize) + DrmI915GemRelocationEntry.OffsetOfPresumedOffset,
                BitConverter.GetBytes(targetOffset));
        }
        return 0;
    }
}
