using Igt.Drivers.Etnaviv.Uapi;
using Igt.Drm;
using Igt.Etnaviv;
using Igt.Fixtures;
using Igt.Os;
using Xunit.Abstractions;

namespace Igt.Tests.Etnaviv;

/// <summary>
/// etnaviv_lazy_alloc: a BO's pages are allocated when first touched, one by one, as /proc/meminfo's Shmem shows:
/// mapping a 1080p buffer and touching one page costs one page; only the GPU needs them all.
/// </summary>
public sealed class EtnavivLazyAlloc(ITestOutputHelper output) : EtnavivTest(output)
{
    private const ulong Size1080p = 1920 * 1080 * 4;
    private const long Page = 4096;

    private long Shmem => Thrash.MeminfoField(Sys, "Shmem");

    [Subtest("lazy-allocation")]
    public void LazyAllocation()
    {
        var baseline = Shmem;
        var bo = EtnavivBo.New(Sys, Fd, Size1080p, EtnavivIoctls.BoWc);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, Size1080p);
        (Shmem - baseline).Should().Be(0, "creating and mapping the BO allocates nothing");

        EtnavivBo.WriteU32(Sys, map + 100 * (ulong)Page + 12, 0xabcd);
        (Shmem - baseline).Should().Be(Page, "touching one page of a 1080p buffer allocates that page only");

        EtnavivBo.ReadU32(Sys, map + 1000 * (ulong)Page).Should().Be(0u);
        (Shmem - baseline).Should().Be(2 * Page, "a read fault allocates its page too, and nothing else");

        EtnavivBo.ReadU32(Sys, map + 100 * (ulong)Page + 12).Should().Be(0xabcdu);
        (Shmem - baseline).Should().Be(2 * Page, "touching a resident page again costs nothing");
    }

    [Subtest("lazy-allocation-cpu-prep")]
    public void LazyAllocationCpuPrep()
    {
        var baseline = Shmem;
        var bo = EtnavivBo.New(Sys, Fd, Size1080p, EtnavivIoctls.BoCached);
        EtnavivBo.MmapOffset(Sys, Fd, bo);
        EtnavivBo.CpuPrep(Sys, Fd, bo, EtnavivIoctls.PrepWrite, TimeSpan.FromSeconds(1));
        EtnavivBo.CpuFini(Sys, Fd, bo);
        (Shmem - baseline).Should().Be(0, "preparing CPU access does not populate the BO");
    }

    [Subtest("lazy-allocation-gpu")]
    public void LazyAllocationGpu()
    {
        var baseline = Shmem;
        var bo = EtnavivBo.New(Sys, Fd, Size1080p, EtnavivIoctls.BoWc);
        var map = EtnavivBo.Mmap(Sys, Fd, bo, Size1080p);
        EtnavivBo.WriteU32(Sys, map, 1);
        (Shmem - baseline).Should().Be(Page);
        // The GPU maps the whole BO: every page is needed now, and stays.
        EtnavivFence.Wait(Sys, Fd, Igt.Etnaviv.EtnavivSubmit.Submit(Sys, Fd, new EtnavivCmdStream().StoreDword(0, Size1080p - 4, 0x11),
            new EtnavivSubmitBo(bo)), TimeSpan.FromSeconds(5));
        (Shmem - baseline).Should().Be((long)Size1080p, "a GPU mapping pins every page of the BO");
        EtnavivBo.ReadU32(Sys, map + Size1080p - 4).Should().Be(0x11u);
        EtnavivBo.ReadU32(Sys, map).Should().Be(1u, "the page the CPU wrote kept its contents");
        Gem.Close(Sys, Fd, bo);
        Sys.Munmap(map, Size1080p);
        EtnavivBo.New(Sys, Fd, 4096);
        (MeminfoSettled("Shmem", baseline) - baseline).Should().Be(0, "the pages go with the BO once the job retired");
    }
}
