using Igt.Kernel.Mm;

namespace Igt.Drivers.Etnaviv.Hw;

/// <summary>
/// How the emulated GPU reaches memory. MMUv1: addresses from 0x80000000 go through the flat page table; below it
/// is the linear window onto bus addresses, where the command-buffer suballocator sits (its dma_addr) and anything
/// else is raw physical memory: an access there by a user stream is a wild access, reported KASAN-style and still
/// performed on the frame, and one beyond RAM is an AXI bus error. MMUv2: every address goes through the current
/// context. Every access to a page goes through <see cref="PageAllocator.Access"/>.
/// </summary>
public sealed class EtnavivGpuBus(EtnavivGpu gpu)
{
    private readonly PageAllocator _pages = gpu.Priv.Machine.Pages;

    /// <summary>Reads or writes <paramref name="buf"/> at GPU address <paramref name="addr"/> (may cross pages).</summary>
    public EtnavivBusFault Access(EtnavivIommuContext? ctx, uint addr, Span<byte> buf, bool write, string function)
    {
        var done = 0;
        while (done < buf.Length)
        {
            var a = addr + (uint)done;
            var inPage = (int)(a & (PageAllocator.PageSize - 1));
            var n = Math.Min(buf.Length - done, PageAllocator.PageSize - inPage);
            var fault = Resolve(ctx, a, write, out var page, out var wild);
            if (fault.IsFault)
                return fault;
            Span<byte> data;
            if (wild)
            {
                gpu.Priv.Machine.Report.Kasan("wild-memory-access", function, 0xffff888000000000UL + page.PhysAddr + (ulong)inPage,
                    n, write, gpu.Accessor);
                data = _pages.Data(page);
            }
            else
            {
                data = _pages.Access(page, function, gpu.Accessor, inPage, n, write);
            }
            if (write)
                buf.Slice(done, n).CopyTo(data.Slice(inPage));
            else
                data.Slice(inPage, n).CopyTo(buf.Slice(done, n));
            done += n;
        }
        return EtnavivBusFault.None;
    }

    public EtnavivBusFault ReadDword(EtnavivIommuContext? ctx, uint addr, out uint value, string function)
    {
        Span<byte> b = stackalloc byte[4];
        var f = Access(ctx, addr, b, write: false, function);
        value = f.IsFault ? 0 : BitConverter.ToUInt32(b);
        return f;
    }

    private EtnavivBusFault Resolve(EtnavivIommuContext? ctx, uint addr, bool write, out PageRef page, out bool wild)
    {
        wild = false;
        page = PageRef.None;
        var global = gpu.Priv.MmuGlobal;
        if (global.Version == EtnavivIommuVersion.V2)
        {
            if (ctx is null)
                return new EtnavivBusFault(EtnavivMmuFault.SlaveNotPresent, false, addr);
            var f = ctx.Translate(addr, write, gpu.Accessor, out page);
            return f == EtnavivMmuFault.None ? EtnavivBusFault.None : new EtnavivBusFault(f, false, addr);
        }
        if (addr >= EtnavivIommuV1.GpuMemStart)
        {
            gpu.Priv.MmuGlobal.V1Context!.Translate(addr, write, gpu.Accessor, out page);
            return EtnavivBusFault.None;
        }
        var suballoc = gpu.Priv.Suballoc;
        if (addr >= EtnavivCmdbufSuballoc.BusAddress && addr < EtnavivCmdbufSuballoc.BusAddress + EtnavivCmdbufSuballoc.Size)
        {
            page = suballoc.PageAt((int)(addr - EtnavivCmdbufSuballoc.BusAddress), out _);
            return EtnavivBusFault.None;
        }
        var pfn = addr >> PageAllocator.PageShift;
        if (pfn >= _pages.TotalPages)
            return new EtnavivBusFault(EtnavivMmuFault.None, true, addr);
        page = new PageRef(pfn, 0);
        wild = true;
        return EtnavivBusFault.None;
    }
}
