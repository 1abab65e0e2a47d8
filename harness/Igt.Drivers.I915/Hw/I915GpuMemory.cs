using Igt.Drivers.I915.Gt;
using Igt.Kernel.Mm;

namespace Igt.Drivers.I915.Hw;

/// <summary>
/// The GPU's view of memory: every access is translated through the context's ppGTT and performed with
/// <see cref="PageAllocator.Access"/>, so a PTE that still names a freed or reassigned page is reported as a
/// KASAN use-after-free. Addresses without a PTE hit scratch (reads return zero, writes are dropped), and
/// writes through a read-only PTE are dropped, as on the hardware.
/// </summary>
public sealed class I915GpuMemory(PageAllocator pages, I915Ppgtt vm, string accessor)
{
    private const int PageSize = PageAllocator.PageSize;

    public I915Ppgtt Vm { get; } = vm;

    public uint ReadDword(ulong va, string function)
    {
        Span<byte> b = stackalloc byte[4];
        Read(va, b, function);
        return BitConverter.ToUInt32(b);
    }

    public void WriteDword(ulong va, uint value, string function)
    {
        Span<byte> b = stackalloc byte[4];
        BitConverter.TryWriteBytes(b, value);
        Write(va, b, function);
    }

    public void Read(ulong va, Span<byte> dst, string function)
    {
        var done = 0;
        while (done < dst.Length)
        {
            var a = I915Ppgtt.Decanonical(va + (ulong)done);
            var inPage = (int)(a & (PageSize - 1));
            var n = Math.Min(dst.Length - done, PageSize - inPage);
            if (Vm.Tables.Translate(a, accessor, out var page, out _))
            {
                // LLC: the GPU snoops CPU caches (the memory may be a non-coherent device's shared buffer).
                pages.SnoopCpuCache(page, inPage, n, write: false);
                pages.Access(page, function, accessor, inPage, n, write: false).Slice(inPage, n).CopyTo(dst.Slice(done, n));
            }
            else
                dst.Slice(done, n).Clear();
            done += n;
        }
    }

    public void Write(ulong va, ReadOnlySpan<byte> src, string function)
    {
        var done = 0;
        while (done < src.Length)
        {
            var a = I915Ppgtt.Decanonical(va + (ulong)done);
            var inPage = (int)(a & (PageSize - 1));
            var n = Math.Min(src.Length - done, PageSize - inPage);
            if (Vm.Tables.Translate(a, accessor, out var page, out var writable) && writable)
            {
                pages.SnoopCpuCache(page, inPage, n, write: true);
                src.Slice(done, n).CopyTo(pages.Access(page, function, accessor, inPage, n, write: true).Slice(inPage));
            }
            done += n;
        }
    }
}
