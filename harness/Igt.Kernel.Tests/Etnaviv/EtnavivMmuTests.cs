using Igt.Drivers.Etnaviv;
using Igt.Drm;
using Igt.Kernel.Mm;

namespace Igt.Kernel.Tests.Etnaviv;

/// <summary>The emulated MMUs and the command-buffer suballocator.</summary>
public sealed class EtnavivMmuTests : IDisposable
{
    private Machine? _machine;

    public void Dispose() => _machine?.Dispose();

    private EtnavivDrmPrivate Boot(EtnavivIommuVersion mmu)
    {
        _machine = Machine.Boot(new MachineConfig { Seed = 3, RamBytes = 16L << 20 }.WithDevice(new EtnavivSpec(mmu)));
        return EtnavivDriver.PrivOf(_machine.Device<DrmDevice>());
    }

    [Fact]
    public void V2TranslatesMappedPagesAndFaultsTheRest()
    {
        var priv = Boot(EtnavivIommuVersion.V2);
        priv.MmuGlobal.ContextInit(out var ctx).Should().Be(0);
        var bo = new EtnavivGem(priv, 3 * 4096, Drivers.Etnaviv.Uapi.EtnavivIoctls.BoWc);
        bo.MappingGet(ctx!, 0, out var m).Should().Be(0);
        m!.Iova.Should().BeGreaterThanOrEqualTo(4096u);
        ctx!.Translate(m.Iova + 4096 + 12, write: true, "test", out var page).Should().Be(EtnavivMmuFault.None);
        page.Should().Be(bo.PeekPage(1));
        ctx.Translate(0x7000_0000, write: false, "test", out _).Should().Be(EtnavivMmuFault.PageNotPresent);
        ctx.Translate(m.Iova + 3 * 4096, write: false, "test", out _).Should().Be(EtnavivMmuFault.PageNotPresent);
        ctx.Translate(EtnavivCmdbufSuballoc.V2Va, write: false, "test", out _).Should().Be(EtnavivMmuFault.None);
        ctx.Translate(EtnavivCmdbufSuballoc.V2Va, write: true, "test", out _).Should().Be(EtnavivMmuFault.WriteViolation);
        bo.PinCount.Should().Be(1, "the GPU mapping pins the pages");
        bo.MappingPut(m);
        bo.Put();
        ctx.Translate(m.Iova, write: false, "test", out _).Should().Be(EtnavivMmuFault.PageNotPresent, "freeing the BO unmaps it");
        ctx.Put();
    }

    [Fact]
    public void V1UnmappedEntriesHitTheBadPage()
    {
        var priv = Boot(EtnavivIommuVersion.V1);
        var v1 = priv.MmuGlobal.V1Context!;
        v1.Translate(EtnavivIommuV1.GpuMemStart + 0x1000, write: true, "test", out var page).Should().Be(EtnavivMmuFault.None);
        page.Should().Be(priv.MmuGlobal.BadPage);
        var bo = new EtnavivGem(priv, 4096, Drivers.Etnaviv.Uapi.EtnavivIoctls.BoWc);
        bo.MappingGet(v1, 0, out var m).Should().Be(0);
        m!.Iova.Should().BeGreaterThanOrEqualTo(EtnavivIommuV1.GpuMemStart);
        v1.Translate(m.Iova, write: false, "test", out page);
        page.Should().Be(bo.PeekPage(0));
        _machine!.Pages.PagesOwnedBy(PageOwner.PageTable).Should().Be(1, "one table page covers the first 4 MiB of the window");
        bo.MappingPut(m);
        bo.Put();
    }

    [Fact]
    public void SuballocatorHandsOutAlignedPowerOfTwoRuns()
    {
        var priv = Boot(EtnavivIommuVersion.V1);
        var s = priv.Suballoc;
        var used = s.UsedGranules;
        s.Alloc(100, out var a).Should().Be(0);
        s.Alloc(3 * 4096 + 8, out var b).Should().Be(0, "rounds up to 4 granules");
        (s.UsedGranules - used).Should().Be(5);
        (b!.Offset % (4 * 4096)).Should().Be(0, "a run is aligned to its size");
        s.Free(b);
        s.Free(a!);
        s.UsedGranules.Should().Be(used);
    }
}
