using Igt.Fixtures;

namespace Igt.Tests.Core.Prime;

/// <summary>
/// prime_mmap's driver-independent subtests against the other exporters: vgem dumb buffers, etnaviv WC BOs and
/// panfrost BOs. Named &lt;subtest&gt;-&lt;driver&gt; (this suite has no dynamic subtests, docs/naming.md).
/// </summary>
public sealed partial class PrimeMmap
{
    [Subtest("test_correct-vgem")]
    public void CorrectVgem() => Correct(Exporter("vgem"));

    [Subtest("test_map_unmap-vgem")]
    public void MapUnmapVgem() => MapUnmap(Exporter("vgem"));

    [Subtest("test_reprime-vgem")]
    public void ReprimeVgem() => Reprime(Exporter("vgem"));

    [Subtest("test_forked-vgem")]
    public void ForkedVgem() => Forked(Exporter("vgem"));

    [Subtest("test_correct_cpu_write-vgem")]
    public void CorrectCpuWriteVgem() => CorrectCpuWrite(Exporter("vgem"));

    [Subtest("test_forked_cpu_write-vgem")]
    public void ForkedCpuWriteVgem() => ForkedCpuWrite(Exporter("vgem"));

    [Subtest("test_refcounting-vgem")]
    public void RefcountingVgem() => Refcounting(Exporter("vgem"));

    [Subtest("test_dup-vgem")]
    public void DupVgem() => Dup(Exporter("vgem"));

    [Subtest("test_errors-vgem")]
    public void ErrorsVgem() => Errors(Exporter("vgem"));

    [Subtest("test_invalid_sync_flags-vgem")]
    public void InvalidSyncFlagsVgem() => InvalidSyncFlags(Exporter("vgem"));

    [Subtest("test_correct-etnaviv")]
    public void CorrectEtnaviv() => Correct(Exporter("etnaviv"));

    [Subtest("test_map_unmap-etnaviv")]
    public void MapUnmapEtnaviv() => MapUnmap(Exporter("etnaviv"));

    [Subtest("test_reprime-etnaviv")]
    public void ReprimeEtnaviv() => Reprime(Exporter("etnaviv"));

    [Subtest("test_forked-etnaviv")]
    public void ForkedEtnaviv() => Forked(Exporter("etnaviv"));

    [Subtest("test_correct_cpu_write-etnaviv")]
    public void CorrectCpuWriteEtnaviv() => CorrectCpuWrite(Exporter("etnaviv"));

    [Subtest("test_forked_cpu_write-etnaviv")]
    public void ForkedCpuWriteEtnaviv() => ForkedCpuWrite(Exporter("etnaviv"));

    [Subtest("test_refcounting-etnaviv")]
    public void RefcountingEtnaviv() => Refcounting(Exporter("etnaviv"));

    [Subtest("test_dup-etnaviv")]
    public void DupEtnaviv() => Dup(Exporter("etnaviv"));

    [Subtest("test_errors-etnaviv")]
    public void ErrorsEtnaviv() => Errors(Exporter("etnaviv"));

    [Subtest("test_invalid_sync_flags-etnaviv")]
    public void InvalidSyncFlagsEtnaviv() => InvalidSyncFlags(Exporter("etnaviv"));

    [Subtest("test_correct-panfrost")]
    public void CorrectPanfrost() => Correct(Exporter("panfrost"));

    [Subtest("test_map_unmap-panfrost")]
    public void MapUnmapPanfrost() => MapUnmap(Exporter("panfrost"));

    [Subtest("test_reprime-panfrost")]
    public void ReprimePanfrost() => Reprime(Exporter("panfrost"));

    [Subtest("test_forked-panfrost")]
    public void ForkedPanfrost() => Forked(Exporter("panfrost"));

    [Subtest("test_correct_cpu_write-panfrost")]
    public void CorrectCpuWritePanfrost() => CorrectCpuWrite(Exporter("panfrost"));

    [Subtest("test_forked_cpu_write-panfrost")]
    public void ForkedCpuWritePanfrost() => ForkedCpuWrite(Exporter("panfrost"));

    [Subtest("test_refcounting-panfrost")]
    public void RefcountingPanfrost() => Refcounting(Exporter("panfrost"));

    [Subtest("test_dup-panfrost")]
    public void DupPanfrost() => Dup(Exporter("panfrost"));

    [Subtest("test_errors-panfrost")]
    public void ErrorsPanfrost() => Errors(Exporter("panfrost"));

    [Subtest("test_invalid_sync_flags-panfrost")]
    public void InvalidSyncFlagsPanfrost() => InvalidSyncFlags(Exporter("panfrost"));
}
