using Igt.Drm;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using Igt.Vgem;

namespace Igt.Tests.Core.Prime;

/// <summary>vgem dumb buffers, filled and compared through MODE_MAP_DUMB mappings of the vgem node.</summary>
public sealed class VgemPrimeExporter(ISyscalls sys) : PrimeExporter(sys)
{
    private readonly Dictionary<uint, ulong> _sizes = new();
    private int? _fd;

    public override string Name => "vgem";

    public override int Fd => _fd ??= DrmTest.OpenDriver(Sys, "vgem");

    public override uint Create(ulong size)
    {
        var bo = IgtVgem.Create(Sys, Fd, size);
        _sizes[bo.Handle] = bo.Size;
        return bo.Handle;
    }

    public override void Write(uint handle, ulong offset, ReadOnlySpan<byte> data)
    {
        var size = _sizes[handle];
        var map = TryMapGem(handle, size, Prot.ReadWrite);
        Ok(map < 0 ? (int)map : 0, $"vgem mmap of handle {handle}");
        var r = Sys.Write((ulong)map + offset, data);
        Sys.Munmap((ulong)map, size);
        Ok(r == FaultResult.Ok ? 0 : -Errno.EFAULT, $"store through the vgem mapping ({r})");
    }

    public override long TryMapGem(uint handle, ulong size, Prot prot)
    {
        var r = IgtVgem.TryMmapOffset(Sys, Fd, handle, out var offset);
        return r != 0 ? r : Sys.Mmap(0, PageAlign(size), prot, MapFlags.Shared, Fd, offset);
    }
}
