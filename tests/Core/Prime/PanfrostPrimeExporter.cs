using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;
using PanfrostLib = Igt.Panfrost.Panfrost;

namespace Igt.Tests.Core.Prime;

/// <summary>panfrost BOs (CREATE_BO), filled through an MMAP_BO mapping.</summary>
public sealed class PanfrostPrimeExporter(ISyscalls sys) : PrimeExporter(sys)
{
    private readonly Dictionary<uint, ulong> _sizes = new();
    private int? _fd;

    public override string Name => "panfrost";

    public override int Fd => _fd ??= PanfrostLib.Open(Sys);

    public override uint Create(ulong size)
    {
        var bo = PanfrostLib.GemNew(Sys, Fd, size);
        _sizes[bo.Handle] = PageAlign(size);
        return bo.Handle;
    }

    public override void Write(uint handle, ulong offset, ReadOnlySpan<byte> data)
    {
        var size = _sizes[handle];
        var map = TryMapGem(handle, size, Prot.ReadWrite);
        Ok(map < 0 ? (int)map : 0, $"panfrost mmap of handle {handle}");
        var r = Sys.Write((ulong)map + offset, data);
        Sys.Munmap((ulong)map, size);
        Ok(r == FaultResult.Ok ? 0 : -Errno.EFAULT, $"store through the panfrost mapping ({r})");
    }

    public override long TryMapGem(uint handle, ulong size, Prot prot)
    {
        var r = PanfrostLib.TryMmapOffset(Sys, Fd, handle, out var offset);
        return r != 0 ? r : Sys.Mmap(0, PageAlign(size), prot, MapFlags.Shared, Fd, offset);
    }
}
