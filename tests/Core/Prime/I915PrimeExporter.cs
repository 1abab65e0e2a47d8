using Igt.Drivers.I915.Uapi;
using Igt.I915;
using Igt.Kernel.Process;
using Igt.Os;

namespace Igt.Tests.Core.Prime;

/// <summary>i915 as prime_mmap uses it: gem_create, gem_write, gem_mmap__gtt for the comparison.</summary>
public sealed class I915PrimeExporter(ISyscalls sys) : PrimeExporter(sys)
{
    private int? _fd;

    public override string Name => "i915";

    public override int Fd => _fd ??= Intel.Open(Sys);

    public override uint Create(ulong size) => GemCreate.Create(Sys, Fd, size);

    public override void Write(uint handle, ulong offset, ReadOnlySpan<byte> data) => GemIoctls.Write(Sys, Fd, handle, offset, data);

    public override long TryMapGem(uint handle, ulong size, Prot prot) =>
        GemMman.TryMapOffset(Sys, Fd, handle, 0, size, prot, I915MmapOffsetType.Gtt);
}
