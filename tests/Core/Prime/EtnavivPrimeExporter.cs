using Igt.Drivers.Etnaviv.Uapi;
using Igt.Etnaviv;
using Igt.Kernel;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.Core.Prime;

/// <summary>etnaviv write-combined BOs (GEM_NEW with ETNA_BO_WC), filled through a GEM_INFO mapping.</summary>
public sealed class EtnavivPrimeExporter(ISyscalls sys) : PrimeExporter(sys)
{
    private readonly Dictionary<uint, ulong> _sizes = new();
    private int? _fd;

    public override string Name => "etnaviv";

    public override int Fd => _fd ??= IgtEtnaviv.Open(Sys);

    public override uint Create(ulong size)
    {
        var h = EtnavivBo.New(Sys, Fd, size, EtnavivIoctls.BoWc);
        _sizes[h] = PageAlign(size);
        return h;
    }

    public override void Write(uint handle, ulong offset, ReadOnlySpan<byte> data)
    {
        var size = _sizes[handle];
        var map = EtnavivBo.Mmap(Sys, Fd, handle, size);
        var r = Sys.Write(map + offset, data);
        Sys.Munmap(map, size);
        Ok(r == FaultResult.Ok ? 0 : -Errno.EFAULT, $"store through the etnaviv mapping ({r})");
    }

    public override long TryMapGem(uint handle, ulong size, Prot prot) => EtnavivBo.TryMmap(Sys, Fd, handle, PageAlign(size), prot);
}
