using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Os;
using Igt.Vgem;
using Xunit.Abstractions;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_importer_mmap: mmap of an imported BO through the importer's DRM node is the exporter's mapping
/// (dma_buf_mmap), the behaviour the 2019 dri-devel thread settled on. The exporter must be able to move its pages:
/// here vgem's shrinker swaps them out, zapping every mapping it knows of, and the importer's mapping refaults.
/// </summary>
public sealed class PrimeImporterMmap(ITestOutputHelper output) : PrimeTest(output)
{
    [Subtest("mmap-survives-exporter-eviction")]
    public void MmapSurvivesExporterEviction()
    {
        var bo = IgtVgem.Create(Sys, Dev.Vgem, 16384);
        var fd = Igt.Prime.PrimeHelpers.HandleToFdForMmap(Sys, Dev.Vgem, bo.Handle);
        var etna = Dev.Import(Dev.Etnaviv, fd); // etnaviv maps GPU pages only at submit: nothing pins them
        var map = EtnavivBo.Mmap(Sys, Dev.Etnaviv, etna, bo.Size);
        for (var i = 0u; i < 4; i++)
            Dev.WriteU32(map + i * 4096, 0xabc0_0000 + i);
        var swappedBefore = Thrash.MeminfoField(Sys, "SwapFree");
        Thrash.PurgeVmCaches(Sys);
        Thrash.MeminfoField(Sys, "SwapFree").Should().BeLessThan(swappedBefore, "the exporter's shrinker swapped the buffer out");
        for (var i = 0u; i < 4; i++)
            Dev.ReadU32(map + i * 4096).Should().Be(0xabc0_0000 + i, $"page {i} read back through the importer's mapping after the move");
    }
}
